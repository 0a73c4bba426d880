package org.keymail.smime.verdict;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.keymail.smime.CertificateNames;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.encrypt.SmimeCapabilities;
import org.keymail.smime.internal.VisibleText;

/**
 * keymail's conclusion about one signature: every rule it failed, most serious first, each as a
 * stable {@link ReasonCode} with its arguments, and who signed ("Signed by") shown apart from who
 * the message says it is from (From, Sender).
 *
 * <p>The status follows from the findings: {@link VerdictStatus#INVALID} when one is of {@link
 * ReasonCode.Severity#INVALID} severity, else {@link VerdictStatus#VALID_UNTRUSTED} when one is of
 * {@link ReasonCode.Severity#UNTRUSTED} severity, else {@link VerdictStatus#VALID_TRUSTED}. Notes
 * change nothing. English texts come from {@link VerdictTexts#english()}; the webmail renders the
 * codes in the reader's language instead.
 *
 * @param findings every failed rule and every note, most serious first
 * @param signer the signer's certificate, when the message carried it or it was known
 * @param signedBy the signer's usable e-mail addresses from the certificate (may be empty)
 * @param senders the message's From and Sender fields as judged
 * @param signingTime the signing time the signer claims, when present
 * @param capabilities what the signer says its mail client can decrypt (SMIMECapabilities)
 */
public record Verdict(
    List<Finding> findings,
    Optional<X509Certificate> signer,
    List<EmailAddress> signedBy,
    SenderFields senders,
    Optional<Instant> signingTime,
    SmimeCapabilities capabilities) {

  public Verdict {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(
        Finding.MOST_SERIOUS_FIRST); // stable: equal codes keep the order they were found in
    findings = List.copyOf(sorted);
    Objects.requireNonNull(signer, "signer");
    signedBy = List.copyOf(signedBy);
    Objects.requireNonNull(senders, "senders");
    Objects.requireNonNull(signingTime, "signingTime");
    Objects.requireNonNull(capabilities, "capabilities");
  }

  /** The conclusion, from the most serious finding. */
  public VerdictStatus status() {
    return mostSerious()
        .map(
            f ->
                f.severity() == ReasonCode.Severity.INVALID
                    ? VerdictStatus.INVALID
                    : VerdictStatus.VALID_UNTRUSTED)
        .orElse(VerdictStatus.VALID_TRUSTED);
  }

  /** The most serious rule failed, when one was; notes do not count. */
  public Optional<Finding> mostSerious() {
    return failures().stream().findFirst();
  }

  /** The failed rules, most serious first, without the notes. */
  public List<Finding> failures() {
    return findings.stream().filter(f -> f.severity() != ReasonCode.Severity.NOTE).toList();
  }

  /** The codes of every finding, notes included, most serious first. */
  public List<ReasonCode> codes() {
    return findings.stream().map(Finding::code).toList();
  }

  /** Whether the rule {@code code} failed (or the note was made). */
  public boolean has(ReasonCode code) {
    return findings.stream().anyMatch(f -> f.code() == code);
  }

  /**
   * Why, in one English sentence: the most serious failed rule (e.g. "the content was changed after
   * it was signed (message digest mismatch)"), or that the signature is valid and trusted.
   */
  public String reason() {
    return mostSerious()
        .map(VerdictTexts.english()::reason)
        .orElseGet(VerdictTexts.english()::trusted);
  }

  /** Every failed rule's English reason, most serious first. */
  public List<String> reasons() {
    return failures().stream().map(VerdictTexts.english()::reason).toList();
  }

  /** The notes in English (e.g. "revocation was not checked"). */
  public List<String> notes() {
    return findings.stream()
        .filter(f -> f.severity() == ReasonCode.Severity.NOTE)
        .map(VerdictTexts.english()::text)
        .toList();
  }

  /** This verdict with one more finding, e.g. what another signer of the same signature shows. */
  public Verdict with(Finding finding) {
    List<Finding> more = new ArrayList<>(findings);
    more.add(finding);
    return new Verdict(more, signer, signedBy, senders, signingTime, capabilities);
  }

  /** Whether one of the signer's addresses is one of the From addresses. */
  public boolean signerMatchesFrom() {
    return signedBy.stream().anyMatch(senders.fromAddresses()::contains);
  }

  /** The signer's name as a person reads it: the first e-mail address, else the subject. */
  public String signerName() {
    if (!signedBy.isEmpty()) {
      return signedBy.get(0).ascii();
    }
    return signer
        .map(c -> VisibleText.escaped(CertificateNames.subject(c)))
        .orElse("unknown signer");
  }

  /**
   * One line for a terminal or a log: {@code STATUS: reason[; also …]; signed by X; From: Y[;
   * Sender: Z][; note: …]}, naming every From and Sender address judged, with the mismatch called
   * out when a From address is not the signer's, and every note (such as "revocation was not
   * checked") at the end.
   */
  public String summary() {
    StringBuilder line = new StringBuilder(status().name()).append(": ").append(reason());
    List<Finding> failures = failures();
    for (Finding further : failures.subList(Math.min(1, failures.size()), failures.size())) {
      line.append("; also ").append(VerdictTexts.english().text(further));
    }
    line.append("; signed by ").append(signerName());
    signer.ifPresent(
        c -> {
          if (!signedBy.isEmpty()) {
            line.append(" (").append(VisibleText.escaped(CertificateNames.subject(c))).append(')');
          }
        });
    line.append("; From: ").append(senders.fromShown());
    List<EmailAddress> from = senders.fromAddresses();
    if (!signedBy.isEmpty() && from.stream().anyMatch(a -> !signedBy.contains(a))) {
      line.append(" (differs from the signer)");
    }
    senders.senderShown().ifPresent(sender -> line.append("; Sender: ").append(sender));
    for (String note : notes()) {
      line.append("; note: ").append(note);
    }
    return line.toString();
  }
}
