package org.keymail.pki.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.pki.authority.CaKeyAlgorithm;
import org.keymail.pki.template.Template;
import org.keymail.pki.template.Templates;
import org.keymail.pki.testing.TestCa;
import org.keymail.pki.testing.TestKeys;

/**
 * Every field of every template's certificate against the profile keymail promises (RFC 5280 and
 * the CA/Browser Forum S/MIME Baseline Requirements, "strict" for Secure Email and "multipurpose"
 * for User). No certificate linter can be installed on this machine: pkilint comes from PyPI and
 * zlint from the Go module proxy, neither reachable here; so each rule is checked by hand below.
 */
class IssuanceProfileTest {

  private static final String KU_DIGITAL_SIGNATURE = "digitalSignature";
  private static final Subscriber ALICE =
      new Subscriber(UUID.randomUUID(), "alice@example.org", "Alice Example", "alice@corp.example");
  private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String SMARTCARD_LOGON = "1.3.6.1.4.1.311.20.2.2";
  private static final String UPN = "1.3.6.1.4.1.311.20.2.3";

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void everyTemplatesCertificateFollowsTheProfileFieldByField(String product) throws Exception {
    TestCa ca = TestCa.open(product);
    for (String templateName : List.of("Smartcard Logon", "Secure Email", "User")) {
      for (KeyPair key : List.of(TestKeys.ecP256("alice"), TestKeys.rsa(2048, "alice"))) {
        Template template = ca.templates.find(templateName).orElseThrow();
        X509Certificate cert = issue(ca, template, key).certificate();
        checkCommonFields(ca, cert, key, template);
        checkPurpose(cert, template, key.getPublic().getAlgorithm().equals("RSA"));
      }
    }
  }

  @Test
  void anUnrecordedCertificateFollowsTheSameProfileAndIsRecordedNowhere() throws Exception {
    TestCa ca = TestCa.open("H2");
    assertThat(ca.templates.find("Secure Email")).contains(Templates.SHIPPED_SECURE_EMAIL);

    for (KeyPair key : List.of(TestKeys.ecP256("alice"), TestKeys.rsa(2048, "alice"))) {
      X509Certificate cert =
          new CertificateIssuer(ca.authority, ca.clock, TestCa.RANDOM)
              .issueUnrecorded(ALICE, Templates.SHIPPED_SECURE_EMAIL, key.getPublic());

      checkCommonFields(ca, cert, key, Templates.SHIPPED_SECURE_EMAIL);
      checkPurpose(
          cert, Templates.SHIPPED_SECURE_EMAIL, key.getPublic().getAlgorithm().equals("RSA"));
    }
    assertThat(ca.database.inTransaction(IssuanceProfileTest::issuedRows)).isZero();
  }

  @Test
  void anRsaIssuingCaSignsWithSha256AndRsa() throws Exception {
    TestCa ca =
        TestCa.open(
            "H2",
            TestCa.settings()
                .rootKeyAlgorithm(CaKeyAlgorithm.RSA_4096)
                .issuingKeyAlgorithm(CaKeyAlgorithm.RSA_3072)
                .build());
    Template template = ca.templates.find("Secure Email").orElseThrow();

    X509Certificate cert = issue(ca, template, TestKeys.ecP256("alice")).certificate();

    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withRSA");
    cert.verify(ca.authority.issuing().getPublicKey());
    checkCommonFields(ca, cert, TestKeys.ecP256("alice"), template);
  }

  @Test
  void validityEndsWithTheIssuingCaWhenTheTemplateWouldOutliveIt() throws Exception {
    TestCa ca = TestCa.open("H2", TestCa.settings().issuingValidity(Duration.ofDays(30)).build());
    Template template = ca.templates.find("Secure Email").orElseThrow();

    X509Certificate cert = issue(ca, template, TestKeys.ecP256("alice")).certificate();

    assertThat(cert.getNotAfter()).isEqualTo(ca.authority.issuing().getNotAfter());
  }

  @Test
  void aLongDisplayNameIsCutToTheCommonNamesUpperBound() throws Exception {
    TestCa ca = TestCa.open("H2");
    Subscriber longName =
        new Subscriber(UUID.randomUUID(), "alice@example.org", "A".repeat(80), null);
    Template template = ca.templates.find("Secure Email").orElseThrow();

    X509Certificate cert =
        ca.database
            .inSigningTransaction(
                c ->
                    ca.issuer.issue(
                        c,
                        longName,
                        template,
                        SubjectPublicKeyInfo.getInstance(
                            TestKeys.ecP256("alice").getPublic().getEncoded()),
                        null))
            .certificate();

    assertThat(rdn(cert, BCStyle.CN)).isEqualTo("A".repeat(64));
  }

  private static long issuedRows(java.sql.Connection c) throws java.sql.SQLException {
    try (var s = c.createStatement();
        var r = s.executeQuery("SELECT COUNT(*) FROM issued_certificates")) {
      r.next();
      return r.getLong(1);
    }
  }

  static IssuedCertificate issue(TestCa ca, Template template, KeyPair key) throws Exception {
    return ca.database.inSigningTransaction(
        c ->
            ca.issuer.issue(
                c,
                ALICE,
                template,
                SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()),
                null));
  }

  private static void checkCommonFields(
      TestCa ca, X509Certificate cert, KeyPair key, Template template) throws Exception {
    X509Certificate issuing = ca.authority.issuing();
    // RFC 5280 §4.1: version, serial (positive, > 64 random bits, at most 20 octets), signature.
    assertThat(cert.getVersion()).isEqualTo(3);
    assertThat(cert.getSerialNumber().signum()).isPositive();
    assertThat(cert.getSerialNumber().bitLength()).isBetween(65, 127);
    // SHA-256 with the issuing CA's key: ECDSA for P-256, PKCS#1 v1.5 for RSA-3072.
    assertThat(cert.getSigAlgName())
        .isEqualTo(
            issuing.getPublicKey().getAlgorithm().equals("EC")
                ? "SHA256withECDSA"
                : "SHA256withRSA");
    cert.verify(issuing.getPublicKey());
    assertThat(cert.getIssuerX500Principal().getEncoded())
        .isEqualTo(issuing.getSubjectX500Principal().getEncoded());
    assertThat(cert.getPublicKey()).isEqualTo(key.getPublic());
    // Validity: from now, for the template's days counted inclusively (S/MIME BR §6.3.2).
    assertThat(cert.getNotBefore().toInstant()).isEqualTo(ca.clock.instant());
    assertThat(Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()))
        .isEqualTo(Duration.ofDays(template.validityDays()).minusSeconds(1));
    // Subject from the user, not the request: O, CN, emailAddress equal to the SAN.
    X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    assertThat(
            Arrays.stream(subject.getRDNs())
                .map(r -> r.getFirst().getType().getId())
                .collect(Collectors.toList()))
        .containsExactly(BCStyle.O.getId(), BCStyle.CN.getId(), BCStyle.EmailAddress.getId());
    assertThat(rdn(cert, BCStyle.O)).isEqualTo("Example Org");
    assertThat(rdn(cert, BCStyle.CN)).isEqualTo("Alice Example");
    assertThat(rdn(cert, BCStyle.EmailAddress)).isEqualTo("alice@example.org");
    // Exactly these extensions; only keyUsage and basicConstraints critical.
    assertThat(cert.getNonCriticalExtensionOIDs())
        .containsExactlyInAnyOrder(
            Extension.authorityKeyIdentifier.getId(),
            Extension.subjectKeyIdentifier.getId(),
            Extension.extendedKeyUsage.getId(),
            Extension.subjectAlternativeName.getId(),
            Extension.certificatePolicies.getId(),
            Extension.cRLDistributionPoints.getId(),
            Extension.authorityInfoAccess.getId());
    assertThat(cert.getCriticalExtensionOIDs())
        .containsExactlyInAnyOrder(Extension.keyUsage.getId(), Extension.basicConstraints.getId());
    assertThat(cert.getBasicConstraints()).isEqualTo(-1); // CA:false
    // AKI: the issuing CA's key id only (no issuer name and serial, S/MIME BR §7.1.2.3).
    AuthorityKeyIdentifier aki =
        AuthorityKeyIdentifier.getInstance(extension(cert, Extension.authorityKeyIdentifier));
    assertThat(aki.getKeyIdentifierOctets()).isEqualTo(subjectKeyId(issuing));
    assertThat(aki.getAuthorityCertIssuer()).isNull();
    assertThat(aki.getAuthorityCertSerialNumber()).isNull();
    assertThat(subjectKeyId(cert))
        .isEqualTo(
            new JcaX509ExtensionUtils()
                .createSubjectKeyIdentifier(key.getPublic())
                .getKeyIdentifier());
    // The organisation's own policy, without qualifiers; never a CA/B reserved OID.
    PolicyInformation[] policies =
        CertificatePolicies.getInstance(extension(cert, Extension.certificatePolicies))
            .getPolicyInformation();
    assertThat(policies).hasSize(1);
    assertThat(policies[0].getPolicyIdentifier().getId())
        .isEqualTo(ca.authority.settings().policyOid())
        .doesNotStartWith("2.23.140.");
    assertThat(policies[0].getPolicyQualifiers()).isNull();
    // CRL distribution point and AIA over plain http.
    DistributionPoint[] points =
        CRLDistPoint.getInstance(extension(cert, Extension.cRLDistributionPoints))
            .getDistributionPoints();
    assertThat(points).hasSize(1);
    assertThat(points[0].getReasons()).isNull();
    assertThat(points[0].getCRLIssuer()).isNull();
    assertThat(uris(GeneralNames.getInstance(points[0].getDistributionPoint().getName())))
        .containsExactly("http://pki.example.org:8080/pki/crl");
    AccessDescription[] access =
        AuthorityInformationAccess.getInstance(extension(cert, Extension.authorityInfoAccess))
            .getAccessDescriptions();
    assertThat(access).hasSize(2);
    assertThat(access[0].getAccessMethod()).isEqualTo(AccessDescription.id_ad_ocsp);
    assertThat(uri(access[0].getAccessLocation()))
        .isEqualTo("http://pki.example.org:8080/pki/ocsp");
    assertThat(access[1].getAccessMethod()).isEqualTo(AccessDescription.id_ad_caIssuers);
    assertThat(uri(access[1].getAccessLocation()))
        .isEqualTo("http://pki.example.org:8080/pki/issuing.crt");
  }

  private static void checkPurpose(X509Certificate cert, Template template, boolean rsa)
      throws Exception {
    boolean[] ku = cert.getKeyUsage();
    switch (template.profile()) {
      case SMARTCARD_LOGON -> {
        assertThat(keyUsages(ku)).containsExactly(KU_DIGITAL_SIGNATURE);
        assertThat(cert.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH, SMARTCARD_LOGON);
        assertThat(sanEntries(cert))
            .containsExactly("rfc822:alice@example.org", "upn:alice@corp.example");
      }
      case SECURE_EMAIL -> {
        assertThat(keyUsages(ku))
            .containsExactly(KU_DIGITAL_SIGNATURE, rsa ? "keyEncipherment" : "keyAgreement");
        assertThat(cert.getExtendedKeyUsage()).containsExactly(EMAIL_PROTECTION);
        assertThat(sanEntries(cert)).containsExactly("rfc822:alice@example.org");
      }
      case USER -> {
        assertThat(keyUsages(ku))
            .containsExactly(KU_DIGITAL_SIGNATURE, rsa ? "keyEncipherment" : "keyAgreement");
        assertThat(cert.getExtendedKeyUsage())
            .containsExactly(EMAIL_PROTECTION, CLIENT_AUTH, SMARTCARD_LOGON);
        assertThat(sanEntries(cert))
            .containsExactly("rfc822:alice@example.org", "upn:alice@corp.example");
      }
    }
  }

  private static List<String> keyUsages(boolean[] ku) {
    String[] names = {
      "digitalSignature",
      "nonRepudiation",
      "keyEncipherment",
      "dataEncipherment",
      "keyAgreement",
      "keyCertSign",
      "cRLSign",
      "encipherOnly",
      "decipherOnly"
    };
    return java.util.stream.IntStream.range(0, ku.length)
        .filter(i -> ku[i])
        .mapToObj(i -> names[i])
        .toList();
  }

  private static List<String> sanEntries(X509Certificate cert) {
    GeneralNames names =
        GeneralNames.getInstance(extension(cert, Extension.subjectAlternativeName));
    return Arrays.stream(names.getNames())
        .map(
            n -> {
              if (n.getTagNo() == GeneralName.rfc822Name) {
                return "rfc822:" + n.getName();
              }
              OtherName other = OtherName.getInstance(n.getName());
              assertThat(other.getTypeID().getId()).isEqualTo(UPN);
              assertThat(other.getValue()).isInstanceOf(DERUTF8String.class);
              return "upn:" + ((DERUTF8String) other.getValue()).getString();
            })
        .toList();
  }

  static ASN1Primitive extension(X509Certificate cert, ASN1ObjectIdentifier oid) {
    byte[] value = cert.getExtensionValue(oid.getId());
    assertThat(value).as("extension " + oid).isNotNull();
    try {
      return ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(value).getOctets());
    } catch (java.io.IOException e) {
      throw new AssertionError("extension " + oid + " does not parse", e);
    }
  }

  private static byte[] subjectKeyId(X509Certificate cert) {
    return SubjectKeyIdentifier.getInstance(extension(cert, Extension.subjectKeyIdentifier))
        .getKeyIdentifier();
  }

  private static String rdn(X509Certificate cert, ASN1ObjectIdentifier type) {
    RDN[] rdns = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).getRDNs(type);
    assertThat(rdns).hasSize(1);
    ASN1Encodable value = rdns[0].getFirst().getValue();
    return ((org.bouncycastle.asn1.ASN1String) value).getString();
  }

  private static List<String> uris(GeneralNames names) {
    return Arrays.stream(names.getNames()).map(IssuanceProfileTest::uri).toList();
  }

  private static String uri(GeneralName name) {
    assertThat(name.getTagNo()).isEqualTo(GeneralName.uniformResourceIdentifier);
    return name.getName().toString();
  }
}
