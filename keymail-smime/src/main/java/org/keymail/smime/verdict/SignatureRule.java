package org.keymail.smime.verdict;

import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.OperatorCreationException;
import org.keymail.smime.internal.ReceivedSignerInfos;
import org.keymail.smime.internal.SignedAttributeReadings;
import org.keymail.smime.internal.SignerInfoCheck;
import org.keymail.smime.internal.SignerInfoVerifiers;

/**
 * Does the signature hold over the content shown (RFC 5652 §5.6)? The message digest, the signature
 * value under the certificate's key, and a SigningCertificateV2 attribute (RFC 5035) naming that
 * very certificate. Any failure is {@link ReasonCode.Severity#INVALID}.
 */
final class SignatureRule {

  private static final System.Logger LOG = System.getLogger(SignatureRule.class.getName());

  private SignatureRule() {}

  /**
   * Why the signature does not hold, or empty when it does. {@code key} is the certificate's key,
   * completed with inherited DSA parameters where it lacks them ({@link DsaParameters}). {@code
   * signer} is the {@code index}th of {@code received} (null when the signature was not received as
   * bytes keymail walked): keymail's own check over the signed attributes as received ({@link
   * SignerInfoCheck}) first, Bouncy Castle's for whatever it does not vouch for. {@code readings}
   * are the signed attributes' values from keymail's walk of them, or null to read Bouncy Castle's.
   */
  static Optional<Finding> check(
      SignerInformation signer,
      ParsedCertificates.Parsed certificate,
      PublicKey key,
      ReceivedSignerInfos received,
      int index,
      SignedAttributeReadings readings) {
    boolean matches =
        readings != null
            ? signingCertificateMatches(readings, certificate)
            : signingCertificateMatches(signer, certificate);
    if (!matches) {
      return Optional.of(Finding.of(ReasonCode.SIGNING_CERTIFICATE_MISMATCH));
    }
    if (SignerInfoCheck.holds(received, index, signer, key)) {
      return Optional.empty();
    }
    try {
      // Built from the public key, not the certificate: validity is judged by ChainRule, at the
      // time of the check, instead of failing the signature itself. The fast provider where it
      // has the algorithm (SignerInfoVerifiers).
      boolean correct =
          signer.verify(SignerInfoVerifiers.forKey(key, signer.getEncryptionAlgOID()));
      return correct ? Optional.empty() : Optional.of(Finding.of(ReasonCode.SIGNATURE_MISMATCH));
    } catch (CMSSignerDigestMismatchException changed) {
      return Optional.of(Finding.of(ReasonCode.CONTENT_CHANGED));
    } catch (OperatorCreationException unsupported) {
      return Optional.of(
          Finding.of(ReasonCode.UNSUPPORTED_ALGORITHM, signer.getEncryptionAlgOID()));
    } catch (CMSException | RuntimeException damaged) {
      // Bouncy Castle reports damaged signer information both ways; its words stay in the log.
      LOG.log(Level.DEBUG, "signer information cannot be checked", damaged);
      return Optional.of(
          Finding.withDetail(
              ReasonCode.SIGNATURE_UNCHECKABLE, String.valueOf(damaged.getMessage())));
    }
  }

  /** As below, from keymail's walk of the signed attributes as received. */
  private static boolean signingCertificateMatches(
      SignedAttributeReadings readings, ParsedCertificates.Parsed certificate) {
    if (!readings.hasSigningCertificate()) {
      return true;
    }
    try {
      return Arrays.equals(
          certificate.digest(readings.signingCertificateHash()),
          readings.signingCertificateDigest());
    } catch (GeneralSecurityException | RuntimeException unreadable) {
      return true; // as below: an unknown hash does not make the signature wrong
    }
  }

  /** RFC 5035: a SigningCertificateV2 attribute must name the certificate that verifies. */
  private static boolean signingCertificateMatches(
      SignerInformation signer, ParsedCertificates.Parsed certificate) {
    AttributeTable signed = signer.getSignedAttributes();
    Attribute attribute =
        signed == null ? null : signed.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
    if (attribute == null) {
      return true;
    }
    try {
      SigningCertificateV2 value =
          SigningCertificateV2.getInstance(attribute.getAttrValues().getObjectAt(0));
      ESSCertIDv2[] ids = value.getCerts();
      if (ids.length == 0) {
        return true;
      }
      String hash = ids[0].getHashAlgorithm().getAlgorithm().getId();
      byte[] actual = certificate.digest(hash);
      return Arrays.equals(actual, ids[0].getCertHash());
    } catch (GeneralSecurityException | RuntimeException unreadable) {
      return true; // an unknown hash here does not make the signature wrong; the signature check
      // decides
    }
  }
}
