package org.keymail.pki.revoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.pki.store.SqlTimes;
import org.keymail.pki.testing.TestCa;

/**
 * The root's CRL: signed with the root's key, issued by the root, numbered upwards, fresh for the
 * CRL validity and cached until the refresh period; it lists an issuing CA certificate the CA's
 * records say the root revoked; and the issuing CA certificate names it as its CRL distribution
 * point.
 */
class RootCrlsTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void theRootSignsAnEmptyCrlThatTheIssuingCaCertificateNames(String product) throws Exception {
    TestCa ca = TestCa.open(product);

    Crl first = ca.rootCrls.current();
    X509CRL crl = parse(first.der());
    crl.verify(ca.authority.root().getPublicKey()); // throws unless the root's key signed it
    assertThat(crl.getIssuerX500Principal())
        .isEqualTo(ca.authority.root().getSubjectX500Principal());
    assertThat(crl.getVersion()).isEqualTo(2);
    assertThat(crl.getRevokedCertificates()).isNull();
    assertThat(first.number()).isEqualTo(BigInteger.ONE);
    assertThat(crlNumber(crl)).isEqualTo(BigInteger.ONE);
    assertThat(Duration.between(crl.getThisUpdate().toInstant(), crl.getNextUpdate().toInstant()))
        .isEqualTo(ca.authority.settings().crlValidity());
    assertThat(
            AuthorityKeyIdentifier.getInstance(
                    ASN1OctetString.getInstance(
                            crl.getExtensionValue(Extension.authorityKeyIdentifier.getId()))
                        .getOctets())
                .getKeyIdentifierObject()
                .getOctets())
        .isEqualTo(
            subjectKeyIdentifier(
                ca.authority.root().getExtensionValue(Extension.subjectKeyIdentifier.getId())));
    // Not the issuing CA's CRL: that one is the issuing CA's, numbered on its own.
    assertThat(parse(ca.crls.current().der()).getIssuerX500Principal())
        .isEqualTo(ca.authority.issuing().getSubjectX500Principal());

    // Cached: the same CRL until the refresh period is over, then a new one, numbered upwards.
    ca.clock.advance(Duration.ofHours(23));
    assertThat(ca.rootCrls.current().number()).isEqualTo(BigInteger.ONE);
    ca.clock.advance(Duration.ofHours(2));
    Crl refreshed = ca.rootCrls.current();
    assertThat(refreshed.number()).isEqualTo(BigInteger.TWO);
    assertThat(crlNumber(parse(refreshed.der()))).isEqualTo(BigInteger.TWO);
    assertThat(refreshed.thisUpdate()).isAfter(first.thisUpdate());
    assertThat(ca.rootCrls.regenerate().number()).isEqualTo(BigInteger.valueOf(3));
    parse(ca.rootCrls.current().der()).verify(ca.authority.root().getPublicKey());

    // The issuing CA certificate points relying parties at the root's CRL and certificate.
    assertThat(
            distributionPoints(
                ca.authority.issuing().getExtensionValue(Extension.cRLDistributionPoints.getId())))
        .containsExactly("http://pki.example.org:8080/pki/root.crl");
    AuthorityInformationAccess aia =
        AuthorityInformationAccess.getInstance(
            ASN1OctetString.getInstance(
                    ca.authority.issuing().getExtensionValue(Extension.authorityInfoAccess.getId()))
                .getOctets());
    assertThat(aia.getAccessDescriptions()).hasSize(1);
    assertThat(aia.getAccessDescriptions()[0].getAccessMethod())
        .isEqualTo(AccessDescription.id_ad_caIssuers);
    assertThat(aia.getAccessDescriptions()[0].getAccessLocation().getName().toString())
        .isEqualTo("http://pki.example.org:8080/pki/root.crt");
    // The root is the trust anchor: it names nothing above itself.
    assertThat(ca.authority.root().getExtensionValue(Extension.cRLDistributionPoints.getId()))
        .isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void anIssuingCaTheRecordsSayIsRevokedIsOnTheNextRootCrl(String product) throws Exception {
    TestCa ca = TestCa.open(product);
    assertThat(parse(ca.rootCrls.current().der()).getRevokedCertificates()).isNull();
    Instant revokedAt = ca.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    try (Connection c = ca.dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE ca_certificates SET revoked_at = ?, revocation_reason = 'KEY_COMPROMISE'"
                    + " WHERE role = 'ISSUING'")) {
      s.setObject(1, SqlTimes.utc(revokedAt));
      assertThat(s.executeUpdate()).isEqualTo(1);
    }

    X509CRL crl = parse(ca.rootCrls.regenerate().der());
    crl.verify(ca.authority.root().getPublicKey());
    assertThat(crl.getRevokedCertificates()).hasSize(1);
    var entry = crl.getRevokedCertificate(ca.authority.issuing());
    assertThat(entry).isNotNull();
    assertThat(entry.getRevocationDate().toInstant()).isEqualTo(revokedAt);
    assertThat(entry.getRevocationReason()).isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
    assertThat(crl.isRevoked(ca.authority.issuing())).isTrue();
  }

  private static X509CRL parse(byte[] der) throws Exception {
    return (X509CRL)
        CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
  }

  private static BigInteger crlNumber(X509CRL crl) {
    return ASN1Integer.getInstance(
            ASN1OctetString.getInstance(crl.getExtensionValue(Extension.cRLNumber.getId()))
                .getOctets())
        .getValue();
  }

  private static byte[] subjectKeyIdentifier(byte[] extension) {
    return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets())
        .getKeyIdentifier();
  }

  private static java.util.List<String> distributionPoints(byte[] extension) {
    CRLDistPoint points =
        CRLDistPoint.getInstance(ASN1OctetString.getInstance(extension).getOctets());
    return Arrays.stream(points.getDistributionPoints())
        .map(DistributionPoint::getDistributionPoint)
        .flatMap(name -> Arrays.stream(GeneralNames.getInstance(name.getName()).getNames()))
        .filter(name -> name.getTagNo() == GeneralName.uniformResourceIdentifier)
        .map(name -> name.getName().toString())
        .toList();
  }
}
