package org.keymail.server.webmail.read;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.keymail.smime.CertificateFingerprint;
import org.keymail.smime.CertificateNames;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.path.IssuerChain;
import org.keymail.smime.verdict.Finding;
import org.keymail.smime.verdict.ReasonCode;
import org.keymail.smime.verdict.RevocationStatus;
import org.keymail.smime.verdict.Verdict;
import org.keymail.smime.verdict.VerdictStatus;
import org.keymail.smime.verdict.VerdictTexts;

/**
 * The verdict banner of a signed message in plain words: the headline for its status, the reason
 * (from the finding codes through {@link VerdictTexts}, never matched English), who signed it shown
 * apart from From, a sentence impossible to miss when they differ, and the details: the certificate
 * chain, validity, and the signer's revocation status and how it was checked.
 *
 * @param status {@code trusted}, {@code untrusted} or {@code invalid} (the banner's style)
 * @param headline the status in plain words
 * @param reason why, in one sentence
 * @param more the other failed rules
 * @param notes notes that change nothing (such as revocation not checked)
 * @param signerName the name in the signer's certificate
 * @param signerAddresses the addresses in the signer's certificate
 * @param mismatch the sentence saying From and the signer differ, when they do
 * @param chain the signer's certificate and its issuers, nearest first
 * @param revocation the signer's revocation status in words
 * @param revocationChecked how it was checked, and what an unknown status counts for
 * @param signingTime when the signer says it signed, formatted
 * @param collectable whether the signer's certificate may be kept as a contact (not invalid)
 */
record VerdictView(
    String status,
    String headline,
    String reason,
    List<String> more,
    List<String> notes,
    String signerName,
    String signerAddresses,
    Optional<String> mismatch,
    List<CertificateView> chain,
    String revocation,
    String revocationChecked,
    Optional<String> signingTime,
    boolean collectable) {

  static final String TRUSTED = "Signed and trusted";
  static final String UNTRUSTED = "Signed, but the signer is not trusted";
  static final String INVALID = "The signature is not valid";

  static VerdictView of(Verdict verdict, ReadingTrust trust, Instant now) {
    VerdictTexts texts = VerdictTexts.english();
    VerdictStatus status = verdict.status();
    String reason = verdict.mostSerious().map(texts::reason).orElseGet(texts::trusted);
    List<Finding> failures = verdict.failures();
    List<String> more =
        failures.subList(Math.min(1, failures.size()), failures.size()).stream()
            .map(texts::text)
            .toList();
    List<String> notes =
        verdict.findings().stream()
            .filter(f -> f.severity() == ReasonCode.Severity.NOTE)
            .map(texts::text)
            .toList();
    String addresses =
        String.join(", ", verdict.signedBy().stream().map(EmailAddress::unicode).toList());
    String signerName = verdict.signer().map(VerdictView::commonName).orElse("an unknown signer");
    Optional<String> mismatch = Optional.empty();
    if (verdict.signer().isPresent() && verdict.signedBy().isEmpty()) {
      mismatch =
          Optional.of(
              "The signer's certificate names no e-mail address: keymail cannot tell that it"
                  + " belongs to "
                  + verdict.senders().fromShown()
                  + ".");
    } else if (!verdict.signedBy().isEmpty() && !verdict.signerMatchesFrom()) {
      mismatch =
          Optional.of(
              "Careful: this message says it is from "
                  + verdict.senders().fromShown()
                  + ", but it was signed by "
                  + addresses
                  + ".");
    }
    List<CertificateView> chain = new ArrayList<>();
    String revocation = "Not known: the message carried no signer certificate.";
    String checked = "";
    if (verdict.signer().isPresent()) {
      X509Certificate signer = verdict.signer().get();
      List<X509Certificate> issuers = IssuerChain.issuersOf(signer, trust.knownAuthorities());
      chain.add(CertificateView.of(signer, now));
      issuers.forEach(i -> chain.add(CertificateView.of(i, now)));
      boolean organisation =
          signer
              .getIssuerX500Principal()
              .equals(trust.organisationIssuing().getSubjectX500Principal());
      String how =
          organisation
              ? "Checked in the organisation's certificate authority's own records."
              : "Checked with the issuer's OCSP responder or CRL, as named in the certificate.";
      if (issuers.isEmpty()) {
        revocation = "Not checked: the issuer of the signer's certificate is not known here.";
        how = "";
      } else {
        RevocationStatus known = trust.revocation().check(signer, issuers.get(0), now);
        revocation =
            switch (known) {
              case RevocationStatus.Good good -> "Not revoked.";
              case RevocationStatus.Revoked revoked ->
                  "Revoked on " + FolderPages.DATE.format(revoked.revokedAt()) + " UTC.";
              case RevocationStatus.Unknown unknown -> "Unknown: " + unknown.why() + ".";
              case RevocationStatus.Unusable unusable ->
                  "Unknown: the revocation information at hand cannot be relied on.";
            };
      }
      checked =
          how
              + (trust.revocationPolicy().equals("hard-fail")
                  ? " This server trusts a signer only when its status is known (hard fail)."
                  : " An unknown status is only a note on this server (soft fail).");
    }
    return new VerdictView(
        switch (status) {
          case VALID_TRUSTED -> "trusted";
          case VALID_UNTRUSTED -> "untrusted";
          case INVALID -> "invalid";
        },
        switch (status) {
          case VALID_TRUSTED -> TRUSTED;
          case VALID_UNTRUSTED -> UNTRUSTED;
          case INVALID -> INVALID;
        },
        sentence(reason),
        more,
        notes,
        signerName,
        addresses,
        mismatch,
        chain,
        revocation,
        checked.strip(),
        verdict.signingTime().map(t -> FolderPages.DATE.format(t) + " UTC"),
        status != VerdictStatus.INVALID && verdict.signer().isPresent());
  }

  private static String sentence(String text) {
    if (text.isEmpty()) {
      return text;
    }
    String first = text.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + text.substring(1);
    return first.endsWith(".") ? first : first + ".";
  }

  /** The certificate's common name, else its whole subject. */
  static String commonName(X509Certificate certificate) {
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    RDN[] names = subject.getRDNs(BCStyle.CN);
    if (names.length > 0) {
      return IETFUtils.valueToString(names[0].getFirst().getValue());
    }
    return CertificateNames.subject(certificate);
  }

  /**
   * One certificate of a chain, as the details show it.
   *
   * @param subject its subject
   * @param issuer its issuer
   * @param validFrom the start of its validity
   * @param validUntil the end of its validity
   * @param validNow whether it is valid now
   * @param serial its serial number in hexadecimal
   * @param fingerprint its SHA-256 fingerprint
   */
  record CertificateView(
      String subject,
      String issuer,
      String validFrom,
      String validUntil,
      boolean validNow,
      String serial,
      String fingerprint) {
    static CertificateView of(X509Certificate certificate, Instant now) {
      Instant from = certificate.getNotBefore().toInstant();
      Instant until = certificate.getNotAfter().toInstant();
      return new CertificateView(
          CertificateNames.subject(certificate),
          CertificateNames.issuer(certificate),
          FolderPages.DATE.format(from) + " UTC",
          FolderPages.DATE.format(until) + " UTC",
          !now.isBefore(from) && !now.isAfter(until),
          certificate.getSerialNumber().toString(16),
          CertificateFingerprint.readable(certificate));
    }
  }
}
