package org.keymail.smime.verdict;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * RFC 8550 §4.4: the signer's certificate must allow signing (key usage digitalSignature or
 * nonRepudiation, where the extension is present) and e-mail (extended key usage emailProtection or
 * anyExtendedKeyUsage, where present).
 */
final class UsageRule {

  private static final int DIGITAL_SIGNATURE = 0;
  private static final int NON_REPUDIATION = 1;

  private UsageRule() {}

  static List<Finding> check(X509Certificate certificate) {
    List<Finding> findings = new ArrayList<>();
    boolean[] keyUsage = certificate.getKeyUsage();
    if (keyUsage != null
        && !keyUsage[DIGITAL_SIGNATURE]
        && !(keyUsage.length > NON_REPUDIATION && keyUsage[NON_REPUDIATION])) {
      findings.add(Finding.of(ReasonCode.KEY_USAGE_FORBIDS_SIGNING));
    }
    try {
      List<String> purposes = certificate.getExtendedKeyUsage();
      if (purposes != null
          && !purposes.contains(KeyPurposeId.id_kp_emailProtection.getId())
          && !purposes.contains(KeyPurposeId.anyExtendedKeyUsage.getId())) {
        findings.add(Finding.of(ReasonCode.NOT_FOR_EMAIL));
      }
    } catch (CertificateParsingException unreadable) {
      findings.add(Finding.of(ReasonCode.EXTENDED_KEY_USAGE_UNREADABLE));
    }
    return findings;
  }
}
