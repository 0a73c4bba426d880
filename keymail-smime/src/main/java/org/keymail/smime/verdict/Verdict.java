package org.keymail.smime.verdict;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.keymail.smime.encrypt.SmimeCapabilities;

/**
 * keymail's conclusion about one signature: a status, the reason in words a user reads, and who
 * signed ("Signed by") shown apart from who the message says it is from ("From").
 *
 * @param status the conclusion
 * @param reason why, in one sentence (e.g. "the content was changed after it was signed")
 * @param signer the signer's certificate, when the message carried it or it was known
 * @param signedBy the signer's e-mail addresses from the certificate (may be empty)
 * @param from the addresses in the message's From header (may be empty)
 * @param signingTime the signing time the signer claims, when present
 * @param capabilities what the signer says its mail client can decrypt (SMIMECapabilities)
 * @param notes further facts worth showing (e.g. "revocation was not checked")
 */
public record Verdict(
    VerdictStatus status,
    String reason,
    Optional<X509Certificate> signer,
    List<String> signedBy,
    List<String> from,
    Optional<Instant> signingTime,
    SmimeCapabilities capabilities,
    List<String> notes) {

  public Verdict {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    signedBy = List.copyOf(signedBy);
    from = List.copyOf(from);
    notes = List.copyOf(notes);
  }

  /** Whether the signer's address is one of the From addresses. */
  public boolean signerMatchesFrom() {
    return signedBy.stream().anyMatch(s -> from.stream().anyMatch(s::equalsIgnoreCase));
  }

  /** The signer's name as a person reads it: the first e-mail address, else the subject. */
  public String signerName() {
    if (!signedBy.isEmpty()) {
      return signedBy.get(0);
    }
    return signer.map(c -> c.getSubjectX500Principal().getName()).orElse("unknown signer");
  }

  /**
   * One line for a terminal or a log: {@code STATUS: reason; signed by X; From: Y}, with the
   * mismatch called out when the signer is not the From address.
   */
  public String summary() {
    StringBuilder line = new StringBuilder(status.name()).append(": ").append(reason);
    line.append("; signed by ").append(signerName());
    signer.ifPresent(
        c -> {
          if (!signedBy.isEmpty()) {
            line.append(" (").append(c.getSubjectX500Principal().getName()).append(')');
          }
        });
    line.append("; From: ").append(from.isEmpty() ? "(none)" : String.join(", ", from));
    if (signer.isPresent() && !from.isEmpty() && !signedBy.isEmpty() && !signerMatchesFrom()) {
      line.append(" (differs from the signer)");
    }
    return line.toString();
  }
}
