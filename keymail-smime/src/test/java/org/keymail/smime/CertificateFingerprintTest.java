package org.keymail.smime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;

/** One SHA-256 fingerprint of a certificate, in the forms keymail stores, sends and shows. */
class CertificateFingerprintTest {

  private static final X509Certificate ALICE =
      TestPki.create().user("alice@example.org", KeyType.EC_P256).certificate();

  @Test
  void isTheSha256OfTheDerEncoding() throws Exception {
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(ALICE.getEncoded());

    assertThat(CertificateFingerprint.sha256(ALICE)).isEqualTo(expected);
    assertThat(CertificateFingerprint.hex(ALICE)).isEqualTo(HexFormat.of().formatHex(expected));
  }

  @Test
  void peopleSeeUpperCasePairsSeparatedByColons() {
    String readable = CertificateFingerprint.readable(ALICE);

    assertThat(readable).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    assertThat(readable.replace(":", "").toLowerCase(java.util.Locale.ROOT))
        .isEqualTo(CertificateFingerprint.hex(ALICE));
  }

  @Test
  void hexFromTheApiReadsAsPeopleCompareIt() {
    assertThat(CertificateFingerprint.readable("3f0aff")).isEqualTo("3F:0A:FF");
    assertThat(CertificateFingerprint.readable(CertificateFingerprint.hex(ALICE)))
        .isEqualTo(CertificateFingerprint.readable(ALICE));
    assertThatThrownBy(() -> CertificateFingerprint.readable("3f0"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
