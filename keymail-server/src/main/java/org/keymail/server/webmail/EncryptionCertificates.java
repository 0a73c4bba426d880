package org.keymail.server.webmail;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.encrypt.EncryptionRecipient;
import org.keymail.smime.encrypt.SmimeCapabilities;
import org.keymail.smime.select.Audience;
import org.keymail.smime.select.Candidate;
import org.keymail.smime.select.CertificateSelector;
import org.keymail.smime.select.NoUsableCertificateException;
import org.keymail.smime.select.Purpose;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The certificate to encrypt to for each recipient of a message, asked of every {@link
 * RecipientCertificates} source (the directory, the writer's contacts) and picked by {@link
 * CertificateSelector}: the one rule for the webmail's compose form and the mail API's clients.
 */
@Component
public class EncryptionCertificates {

  private final List<RecipientCertificates> sources;
  private final Clock clock;

  EncryptionCertificates(
      List<RecipientCertificates> sources, @Qualifier("keymailClock") Clock clock) {
    this.sources = List.copyOf(sources);
    this.clock = clock;
  }

  /**
   * What is known for {@code recipients}, as user {@code userId} sees it.
   *
   * @param chosen each recipient with a usable certificate, in the order asked, with what their
   *     mail client is known to decrypt
   * @param missing each recipient without one
   */
  public record Choice(Map<EmailAddress, EncryptionRecipient> chosen, List<EmailAddress> missing) {
    public Choice {
      chosen = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(chosen));
      missing = List.copyOf(missing);
    }
  }

  /** The certificate to encrypt to for each of {@code recipients}, and who has none. */
  public Choice choose(UUID userId, List<EmailAddress> recipients) {
    Map<EmailAddress, EncryptionRecipient> chosen = new LinkedHashMap<>();
    List<EmailAddress> missing = new ArrayList<>();
    CertificateSelector selector = new CertificateSelector(clock);
    for (EmailAddress recipient : recipients) {
      // Each certificate once; what one source knows of its client wins over another's "unknown".
      Map<X509Certificate, SmimeCapabilities> known = new LinkedHashMap<>();
      for (RecipientCertificates source : sources) {
        for (EncryptionRecipient found : source.of(userId, recipient)) {
          known.merge(
              found.certificate(),
              found.capabilities(),
              (before, now) -> before.isKnown() ? before : now);
        }
      }
      try {
        X509Certificate certificate =
            selector
                .select(
                    Purpose.ENCRYPTION,
                    known.keySet().stream().map(c -> new Candidate(c, List.of(), false)).toList(),
                    recipient.toString(),
                    Audience.INTERNAL)
                .chosen()
                .certificate();
        chosen.put(recipient, new EncryptionRecipient(certificate, known.get(certificate)));
      } catch (NoUsableCertificateException none) {
        missing.add(recipient);
      }
    }
    return new Choice(chosen, missing);
  }
}
