package org.keymail.pki.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.keymail.pki.status.CertificateStatus;
import org.keymail.pki.status.RevocationReason;
import org.keymail.pki.store.StorageUnavailableException;
import org.keymail.pki.trust.testing.MintedPki;
import org.keymail.pki.trust.testing.MintedPki.Issued;
import org.keymail.smime.SoftwareKeyHandle;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.sign.MessageSigner;
import org.keymail.smime.verdict.RevocationCheck;
import org.keymail.smime.verdict.RevocationStatus;
import org.keymail.smime.verdict.TrustSettings;
import org.keymail.smime.verdict.Verdict;
import org.keymail.smime.verdict.VerdictStatus;

class OrganisationRevocationCheckTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final Instant REVOKED_AT = Instant.parse("2026-11-26T09:00:00Z");
  private static final String SOURCE = "keymail's certificate authority";

  private final Issued root = MintedPki.root(NOW);
  private final Issued issuing = MintedPki.issuingCa(root, NOW);
  private final Map<BigInteger, CertificateStatus> records = new HashMap<>();
  private final List<X509Certificate> askedElsewhere = new ArrayList<>();
  private final RevocationCheck elsewhere =
      (certificate, issuer, at) -> {
        askedElsewhere.add(certificate);
        return new RevocationStatus.Unknown("asked elsewhere");
      };
  private final OrganisationRevocationCheck check =
      new OrganisationRevocationCheck(
          issuing.certificate(),
          serial -> records.getOrDefault(serial, new CertificateStatus.Unknown()),
          elsewhere);

  private Issued user(String email, CertificateStatus status) {
    Issued user = MintedPki.emailUser(issuing, email, NOW);
    records.put(user.certificate().getSerialNumber(), status);
    return user;
  }

  @Test
  void answersFromTheCaRecordsForItsOwnCertificates() {
    Issued alice = user("alice@example.org", new CertificateStatus.Good());
    Issued bob =
        user(
            "bob@example.org",
            new CertificateStatus.Revoked(REVOKED_AT, RevocationReason.SUPERSEDED));
    Issued carol = MintedPki.emailUser(issuing, "carol@example.org", NOW);

    assertThat(check.check(alice.certificate(), issuing.certificate(), NOW))
        .isEqualTo(new RevocationStatus.Good(SOURCE));
    assertThat(check.check(bob.certificate(), issuing.certificate(), NOW))
        .isEqualTo(new RevocationStatus.Revoked(REVOKED_AT, Optional.of("SUPERSEDED"), SOURCE));
    assertThat(check.check(carol.certificate(), issuing.certificate(), NOW))
        .isEqualTo(
            new RevocationStatus.Unknown(
                "keymail's certificate authority has no record of serial number "
                    + carol.certificate().getSerialNumber().toString(16)));
    assertThat(askedElsewhere).isEmpty();
  }

  @Test
  void asksTheOtherCheckForCertificatesOfOtherIssuers() {
    Issued partnerCa = MintedPki.issuingCa(MintedPki.root(NOW), NOW);
    Issued dave = MintedPki.emailUser(partnerCa, "dave@partner.example", NOW);

    assertThat(check.check(dave.certificate(), partnerCa.certificate(), NOW))
        .isEqualTo(new RevocationStatus.Unknown("asked elsewhere"));
    assertThat(askedElsewhere).containsExactly(dave.certificate());
  }

  @Test
  void aLookAlikeIssuerWithOurNameButAnotherKeyIsNotOurs() {
    Issued lookAlike =
        MintedPki.spec(
                org.bouncycastle.asn1.x500.X500Name.getInstance(
                    issuing.certificate().getSubjectX500Principal().getEncoded()),
                NOW)
            .ca(0)
            .issuedBy(root);
    Issued erin = MintedPki.emailUser(lookAlike, "erin@example.org", NOW);
    records.put(erin.certificate().getSerialNumber(), new CertificateStatus.Good());

    assertThat(check.check(erin.certificate(), lookAlike.certificate(), NOW))
        .isEqualTo(new RevocationStatus.Unknown("asked elsewhere"));
  }

  @Test
  void unknownWhenTheRecordsCannotBeRead() {
    Issued frank = MintedPki.emailUser(issuing, "frank@example.org", NOW);
    OrganisationRevocationCheck down =
        new OrganisationRevocationCheck(
            issuing.certificate(),
            serial -> {
              throw new StorageUnavailableException(new SQLException("connection refused"));
            },
            elsewhere);

    assertThat(down.check(frank.certificate(), issuing.certificate(), NOW))
        .isEqualTo(
            new RevocationStatus.Unknown(
                "the records of keymail's certificate authority cannot be read right now"));
  }

  @Test
  void aMessageSignedWithARevokedCertificateIsNoLongerValidTrusted() throws Exception {
    Issued grace = user("grace@example.org", new CertificateStatus.Good());
    byte[] signed = sign(grace, "grace@example.org");

    Verdict before = verdict(signed);
    records.put(
        grace.certificate().getSerialNumber(),
        new CertificateStatus.Revoked(REVOKED_AT, RevocationReason.KEY_COMPROMISE));
    Verdict after = verdict(signed);

    assertThat(before.status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
    assertThat(after.status()).isEqualTo(VerdictStatus.INVALID);
    assertThat(after.reason())
        .isEqualTo("the signer's certificate was revoked on " + REVOKED_AT + " (key-compromise)");
  }

  private byte[] sign(Issued signer, String from) throws Exception {
    byte[] message =
        ("From: "
                + from
                + "\r\nTo: team@example.org\r\nSubject: plan\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nThe plan is attached.\r\n")
            .getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MessageSigner.builder(SoftwareKeyHandle.of(signer.privateKey(), signer.certificate()))
        .chain(List.of(issuing.certificate()))
        .build()
        .sign(new ByteArrayInputStream(message), out);
    return out.toByteArray();
  }

  private Verdict verdict(byte[] signed) throws Exception {
    TrustSettings trust =
        TrustSettings.builder()
            .anchor(root.certificate())
            .intermediate(issuing.certificate())
            .revocation(check)
            .at(NOW)
            .build();
    try (ReadResult result =
        MessageReader.builder().trust(trust).build().read(new ByteArrayInputStream(signed))) {
      return result.verdict().orElseThrow();
    }
  }
}
