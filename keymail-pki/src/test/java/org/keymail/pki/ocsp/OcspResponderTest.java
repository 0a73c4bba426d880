package org.keymail.pki.ocsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.keymail.pki.status.CertificateStatus;
import org.keymail.pki.status.CertificateStatusSource;
import org.keymail.pki.status.RevocationReason;
import org.keymail.pki.store.StorageUnavailableException;
import org.keymail.pki.trust.testing.MintedPki;
import org.keymail.pki.trust.testing.MintedPki.Issued;

class OcspResponderTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final Instant REVOKED_AT = Instant.parse("2026-11-20T08:30:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final Issued root = MintedPki.root(NOW);
  private final Issued issuing = MintedPki.issuingCa(root, NOW);
  private final Issued alice = MintedPki.emailUser(issuing, "alice@example.org", NOW);
  private final Issued bob = MintedPki.emailUser(issuing, "bob@example.org", NOW);
  private final Map<BigInteger, CertificateStatus> records = new HashMap<>();
  private final OcspResponder responder;

  OcspResponderTest() {
    records.put(alice.certificate().getSerialNumber(), new CertificateStatus.Good());
    records.put(
        bob.certificate().getSerialNumber(),
        new CertificateStatus.Revoked(REVOKED_AT, RevocationReason.KEY_COMPROMISE));
    responder = responderWith(this::lookUp);
  }

  private CertificateStatus lookUp(BigInteger serial) {
    return records.getOrDefault(serial, new CertificateStatus.Unknown());
  }

  private OcspResponder responderWith(CertificateStatusSource source) {
    return OcspResponder.builder(issuing.certificate(), issuing.caKey())
        .statuses(source)
        .clock(CLOCK)
        .validity(Duration.ofHours(4))
        .build();
  }

  @Test
  void answersGoodForAnIssuedCertificateThatIsNotRevoked() throws Exception {
    SingleResp answer = single(responder.respond(request(idOf(alice.certificate(), sha1()))));

    assertThat(answer.getCertStatus()).isNull(); // BC's representation of "good"
    assertThat(answer.getThisUpdate().toInstant()).isEqualTo(NOW);
    assertThat(answer.getNextUpdate().toInstant()).isEqualTo(NOW.plus(Duration.ofHours(4)));
  }

  @Test
  void answersRevokedWithTheTimeAndReason() throws Exception {
    SingleResp answer = single(responder.respond(request(idOf(bob.certificate(), sha1()))));

    assertThat(answer.getCertStatus()).isInstanceOf(RevokedStatus.class);
    RevokedStatus revoked = (RevokedStatus) answer.getCertStatus();
    assertThat(revoked.getRevocationTime().toInstant()).isEqualTo(REVOKED_AT);
    assertThat(revoked.getRevocationReason()).isEqualTo(RevocationReason.KEY_COMPROMISE.code());
  }

  @Test
  void answersUnknownForASerialNumberTheCaNeverIssued() throws Exception {
    Issued stranger = MintedPki.emailUser(issuing, "carol@example.org", NOW); // not in the records

    assertThat(
            single(responder.respond(request(idOf(stranger.certificate(), sha1()))))
                .getCertStatus())
        .isInstanceOf(UnknownStatus.class);
  }

  @Test
  void answersUnknownForACertificateOfAnotherCa() throws Exception {
    Issued otherCa = MintedPki.issuingCa(root, NOW);
    Issued other = MintedPki.emailUser(otherCa, "dave@example.org", NOW);
    records.put(other.certificate().getSerialNumber(), new CertificateStatus.Good());

    CertificateID id =
        new CertificateID(
            sha1(),
            new JcaX509CertificateHolder(otherCa.certificate()),
            other.certificate().getSerialNumber());

    assertThat(single(responder.respond(request(id))).getCertStatus())
        .isInstanceOf(UnknownStatus.class);
  }

  @Test
  void answersUnknownWhenTheIssuerKeyHashIsWrongEvenIfTheNameMatches() throws Exception {
    CertificateID right = idOf(alice.certificate(), sha1());
    CertificateID wrongKey =
        new CertificateID(
            new org.bouncycastle.asn1.ocsp.CertID(
                right.toASN1Primitive().getHashAlgorithm(),
                new DEROctetString(right.getIssuerNameHash()),
                new DEROctetString(new byte[20]),
                right.toASN1Primitive().getSerialNumber()));

    assertThat(single(responder.respond(request(wrongKey))).getCertStatus())
        .isInstanceOf(UnknownStatus.class);
  }

  @Test
  void readsCertIdsHashedWithSha256() throws Exception {
    DigestCalculator sha256 =
        new JcaDigestCalculatorProviderBuilder()
            .build()
            .get(
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                    org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256));

    SingleResp answer = single(responder.respond(request(idOf(bob.certificate(), sha256))));

    assertThat(answer.getCertStatus()).isInstanceOf(RevokedStatus.class);
  }

  @Test
  void signsWithTheIssuingCaKeyAndNamesItselfByKeyHash() throws Exception {
    BasicOCSPResp basic = basic(responder.respond(request(idOf(alice.certificate(), sha1()))));

    assertThat(
            basic.isSignatureValid(
                new JcaContentVerifierProviderBuilder()
                    .build(issuing.certificate().getPublicKey())))
        .isTrue();
    ResponderID id = basic.getResponderId().toASN1Primitive();
    assertThat(id.getKeyHash()).isNotNull();
    assertThat(id.getName()).isNull();
    assertThat(basic.getSignatureAlgOID().getId())
        .isEqualTo("1.2.840.10045.4.3.2"); // ecdsa-with-SHA256
    assertThat(basic.getCerts()).hasSize(1);
    assertThat(basic.getCerts()[0].getEncoded()).isEqualTo(issuing.certificate().getEncoded());
    assertThat(basic.getProducedAt().toInstant()).isEqualTo(NOW);
  }

  @Test
  void anRsaCaSignsWithSha256WithRsa() throws Exception {
    Issued rsaIssuing =
        MintedPki.spec(MintedPki.uniqueName("RSA Issuing CA"), NOW)
            .keys(MintedPki.rsaKey())
            .ca(0)
            .issuedBy(root);
    Issued user = MintedPki.emailUser(rsaIssuing, "erin@example.org", NOW);
    OcspResponder rsa =
        OcspResponder.builder(rsaIssuing.certificate(), rsaIssuing.caKey())
            .statuses(serial -> new CertificateStatus.Good())
            .clock(CLOCK)
            .build();

    BasicOCSPResp basic =
        basic(rsa.respond(request(idOf(user.certificate(), rsaIssuing.certificate(), sha1()))));

    assertThat(basic.getSignatureAlgOID().getId()).isEqualTo("1.2.840.113549.1.1.11");
    assertThat(
            basic.isSignatureValid(
                new JcaContentVerifierProviderBuilder()
                    .build(rsaIssuing.certificate().getPublicKey())))
        .isTrue();
  }

  @Test
  void echoesTheNonce() throws Exception {
    byte[] nonce = new byte[16];
    new SecureRandom().nextBytes(nonce);

    BasicOCSPResp basic =
        basic(responder.respond(request(nonce, idOf(alice.certificate(), sha1()))));

    Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    assertThat(echoed).isNotNull();
    assertThat(echoed.getExtnValue().getOctets()).isEqualTo(new DEROctetString(nonce).getEncoded());
  }

  @Test
  void refusesNoncesLongerThan32OctetsOrEmpty() throws Exception {
    assertThat(
            new OCSPResp(
                    responder.respond(request(new byte[33], idOf(alice.certificate(), sha1()))))
                .getStatus())
        .isEqualTo(OCSPRespBuilder.MALFORMED_REQUEST);
    assertThat(
            new OCSPResp(responder.respond(request(new byte[0], idOf(alice.certificate(), sha1()))))
                .getStatus())
        .isEqualTo(OCSPRespBuilder.MALFORMED_REQUEST);
    assertThat(
            new OCSPResp(
                    responder.respond(request(new byte[32], idOf(alice.certificate(), sha1()))))
                .getStatus())
        .isEqualTo(OCSPRespBuilder.SUCCESSFUL);
  }

  @Test
  void answersEverySingleRequestUpToTheCapAndRefusesMore() throws Exception {
    CertificateID[] twenty = new CertificateID[OcspResponder.MAX_SINGLE_REQUESTS];
    for (int i = 0; i < twenty.length; i++) {
      twenty[i] = idOf(i % 2 == 0 ? alice.certificate() : bob.certificate(), sha1());
    }
    CertificateID[] twentyOne = java.util.Arrays.copyOf(twenty, twenty.length + 1);
    twentyOne[twenty.length] = twenty[0];

    assertThat(basic(responder.respond(request(twenty))).getResponses()).hasSize(20);
    assertThat(new OCSPResp(responder.respond(request(twentyOne))).getStatus())
        .isEqualTo(OCSPRespBuilder.MALFORMED_REQUEST);
  }

  @Test
  void answersMalformedRequestToBytesThatAreNoOcspRequest() throws Exception {
    for (byte[] garbage :
        new byte[][] {
          new byte[0], "hello".getBytes(StandardCharsets.US_ASCII), {0x30, 0x03, 0x02, 0x01}
        }) {
      assertThat(new OCSPResp(responder.respond(garbage)).getStatus())
          .as("status for %d bytes", garbage.length)
          .isEqualTo(OCSPRespBuilder.MALFORMED_REQUEST);
    }
  }

  @Test
  void answersTryLaterWhenTheRecordsCannotBeRead() throws Exception {
    OcspResponder down =
        responderWith(
            serial -> {
              throw new StorageUnavailableException(new SQLException("connection refused"));
            });

    assertThat(new OCSPResp(down.respond(request(idOf(alice.certificate(), sha1())))).getStatus())
        .isEqualTo(OCSPRespBuilder.TRY_LATER);
  }

  @Test
  void answersInternalErrorWhenTheCaKeyRefusesToSign() throws Exception {
    OcspResponder locked =
        OcspResponder.builder(issuing.certificate(), issuing.caKey().refusing())
            .statuses(this::lookUp)
            .build();

    assertThat(new OCSPResp(locked.respond(request(idOf(alice.certificate(), sha1())))).getStatus())
        .isEqualTo(OCSPRespBuilder.INTERNAL_ERROR);
  }

  @Test
  void answersAGetRequestWhosePathIsTheUrlEncodedBase64Request() throws Exception {
    String path =
        URLEncoder.encode(
            Base64.getEncoder().encodeToString(request(idOf(bob.certificate(), sha1()))),
            StandardCharsets.US_ASCII);

    assertThat(single(responder.respondToGetPath(path)).getCertStatus())
        .isInstanceOf(RevokedStatus.class);
    assertThat(new OCSPResp(responder.respondToGetPath("%%not-base64!")).getStatus())
        .isEqualTo(OCSPRespBuilder.MALFORMED_REQUEST);
  }

  @Test
  void keepsBase64PlusSignsInAGetPathAsPlusSigns() throws Exception {
    byte[] request = request(idOf(bob.certificate(), sha1()));
    String base64 = Base64.getEncoder().encodeToString(request);
    // Find a serial whose request encodes with a '+', so the raw path exercises it.
    for (int i = 0; !base64.contains("+") && i < 200; i++) {
      Issued other = MintedPki.emailUser(issuing, "plus" + i + "@example.org", NOW);
      records.put(other.certificate().getSerialNumber(), new CertificateStatus.Good());
      request = request(idOf(other.certificate(), sha1()));
      base64 = Base64.getEncoder().encodeToString(request);
    }

    assertThat(base64).contains("+");
    assertThat(new OCSPResp(responder.respondToGetPath(base64)).getStatus())
        .isEqualTo(OCSPRespBuilder.SUCCESSFUL);
  }

  @Test
  void refusesAKeyThatIsNotTheCaCertificates() {
    assertThatThrownBy(
            () ->
                OcspResponder.builder(issuing.certificate(), root.caKey())
                    .statuses(this::lookUp)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the CA key is not the key of ");
  }

  private CertificateID idOf(X509Certificate certificate, DigestCalculator digest)
      throws Exception {
    return idOf(certificate, issuing.certificate(), digest);
  }

  private static CertificateID idOf(
      X509Certificate certificate, X509Certificate issuer, DigestCalculator digest)
      throws Exception {
    return new CertificateID(
        digest, new JcaX509CertificateHolder(issuer), certificate.getSerialNumber());
  }

  static DigestCalculator sha1() throws Exception {
    return new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
  }

  private static byte[] request(CertificateID... ids) throws Exception {
    return request(null, ids);
  }

  private static byte[] request(byte[] nonce, CertificateID... ids) throws Exception {
    OCSPReqBuilder builder = new OCSPReqBuilder();
    for (CertificateID id : ids) {
      builder.addRequest(id);
    }
    if (nonce != null) {
      builder.setRequestExtensions(
          new Extensions(
              new Extension(
                  OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                  false,
                  new DEROctetString(nonce).getEncoded())));
    }
    return builder.build().getEncoded();
  }

  private static BasicOCSPResp basic(byte[] response) throws Exception {
    OCSPResp parsed = new OCSPResp(response);
    assertThat(parsed.getStatus()).isEqualTo(OCSPRespBuilder.SUCCESSFUL);
    return (BasicOCSPResp) parsed.getResponseObject();
  }

  private static SingleResp single(byte[] response) throws Exception {
    SingleResp[] responses = basic(response).getResponses();
    assertThat(responses).hasSize(1);
    return responses[0];
  }
}
