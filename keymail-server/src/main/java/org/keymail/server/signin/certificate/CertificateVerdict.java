package org.keymail.server.signin.certificate;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.keymail.vault.user.User;

/** What {@link CertificateSignInCheck} found: the person the certificate signs in, or why not. */
public sealed interface CertificateVerdict {

  /** The certificate presented, if one was. */
  Optional<X509Certificate> certificate();

  /** The certificate is good for sign-in and names exactly this active user. */
  record Accepted(User user, X509Certificate presented) implements CertificateVerdict {
    public Accepted {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(presented, "presented");
    }

    @Override
    public Optional<X509Certificate> certificate() {
      return Optional.of(presented);
    }
  }

  /**
   * The certificate signs nobody in.
   *
   * @param why the failure, for the problem type and the audit event
   * @param sentence what the person reads, naming the certificate's part that fails
   * @param userId the user it names, when it names one (a disabled user, a policy refusal)
   * @param certificate the certificate presented, if one was
   */
  record Refused(
      CertificateRefusal why,
      String sentence,
      Optional<UUID> userId,
      Optional<X509Certificate> certificate)
      implements CertificateVerdict {
    public Refused {
      Objects.requireNonNull(why, "why");
      Objects.requireNonNull(sentence, "sentence");
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(certificate, "certificate");
    }
  }
}
