package org.keymail.smime.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.Time;
import org.junit.jupiter.api.Test;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;

/** What the judge remembers and reads for itself gives what parsing anew gives. */
class ParsedCertificatesTest {

  @Test
  void theSameBytesGiveTheSameCertificateAndGarbageGivesNothing() throws Exception {
    Identity alice = TestPki.create().user("alice@example.org", KeyType.EC_P256);
    ParsedCertificates cache = new ParsedCertificates(2, ParsedCertificates.MAX_REMEMBERED_BYTES);
    byte[] der = alice.certificate().getEncoded();

    ParsedCertificates.Parsed first = cache.parse(der).orElseThrow();
    assertThat(first.certificate()).isEqualTo(alice.certificate());
    assertThat(first.holder().getEncoded()).isEqualTo(der);
    assertThat(cache.parse(der.clone()).orElseThrow()).isSameAs(first);

    byte[] damaged = der.clone();
    damaged[damaged.length / 2] ^= 0x55;
    // a changed byte is another certificate (or none), never the remembered one
    cache.parse(damaged).ifPresent(p -> assertThat(p).isNotSameAs(first));
    assertThat(cache.parse(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01})).isEmpty();
  }

  @Test
  void whatIsReadFromACertificateIsWhatReadingItAnewGives() throws Exception {
    Identity alice = TestPki.create().user("alice@example.org", KeyType.EC_P256);
    ParsedCertificates cache = new ParsedCertificates(2, ParsedCertificates.MAX_REMEMBERED_BYTES);
    byte[] der = alice.certificate().getEncoded();
    ParsedCertificates.Parsed parsed = cache.parse(der).orElseThrow();

    for (int i = 0; i < 2; i++) { // read, then remembered
      assertThat(parsed.addressReadings())
          .isEqualTo(SignerIdentity.read(alice.certificate()))
          .isNotEmpty();
      for (String algorithm : new String[] {"SHA-256", "2.16.840.1.101.3.4.2.1", "SHA-384"}) {
        assertThat(parsed.digest(algorithm))
            .isEqualTo(java.security.MessageDigest.getInstance(algorithm).digest(der));
      }
    }
    assertThat(cache.parse(der.clone()).orElseThrow().addressReadings())
        .isSameAs(parsed.addressReadings());
  }

  @Test
  void largeCertificatesAreParsedButNotRemembered() throws Exception {
    Identity alice = TestPki.create().user("alice@example.org", KeyType.RSA_2048);
    byte[] der = alice.certificate().getEncoded();
    ParsedCertificates cache = new ParsedCertificates(2, der.length - 1);

    ParsedCertificates.Parsed first = cache.parse(der).orElseThrow();
    assertThat(first.certificate()).isEqualTo(alice.certificate());
    assertThat(cache.parse(der).orElseThrow()).isNotSameAs(first);
  }

  @Test
  void signingTimesInTheirDerFormReadAsBouncyCastleReadsThem() throws Exception {
    for (String utc :
        new String[] {"491231235959Z", "500101000000Z", "261203120000Z", "000229000000Z"}) {
      ASN1UTCTime time = new ASN1UTCTime(utc);
      assertThat(SignerJudge.usualTime(time))
          .as(utc)
          .contains(Time.getInstance(time).getDate().toInstant());
    }
    ASN1GeneralizedTime generalized = new ASN1GeneralizedTime("20511203120001Z");
    assertThat(SignerJudge.usualTime(generalized))
        .contains(Time.getInstance(generalized).getDate().toInstant());
    assertThat(
            SignerJudge.usualTime(
                new ASN1GeneralizedTime(Date.from(Instant.parse("2026-12-03T12:00:00Z")))))
        .contains(Instant.parse("2026-12-03T12:00:00Z"));

    // other forms are left to Bouncy Castle
    assertThat(SignerJudge.usualTime(new ASN1UTCTime("2612031200Z"))).isEmpty();
    assertThat(SignerJudge.usualTime(new ASN1GeneralizedTime("20261203120000.5Z"))).isEmpty();
    assertThat(SignerJudge.usualTime(new ASN1UTCTime("261303120000Z"))).isEmpty(); // month 13
    assertThat(SignerJudge.usualTime(new DERUTF8String("261203120000Z"))).isEmpty();
  }
}
