package org.keymail.smime.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.ReasonFlags;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 5280 §6.3 through {@link CrlRevocationCheck}, with CRLs crafted for each case by Bouncy
 * Castle's {@link X509v2CRLBuilder}: delta CRLs (§5.2.4, removeFromCRL in §5.3.1), indirect CRLs
 * and the certificate issuer entry extension (§5.2.5, §5.3.3), reason partitions (onlySomeReasons),
 * a separate CRL-signing key, and each way a CRL at hand can be unusable — with the words a person
 * is shown for each.
 */
class CrlRevocationCheckTest {

  /** Not after the present: Bouncy Castle's CRL check refuses to judge a time still to come. */
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private static final Instant AN_HOUR_AGO = NOW.minus(Duration.ofHours(1));
  private static final Instant A_DAY_AGO = NOW.minus(Duration.ofDays(1));
  private static final Instant NEXT_WEEK = NOW.plus(Duration.ofDays(7));
  private static final AtomicLong SERIALS = new AtomicLong(1000);

  private final Ca root = Ca.root("O=keymail tests, CN=CRL Test Root");
  private final Ca issuing =
      root.issue(
          "O=keymail tests, CN=CRL Test Issuing CA", KeyUsage.keyCertSign | KeyUsage.cRLSign);

  // ---- full CRLs

  @Test
  void aCurrentCrlOfTheIssuerThatDoesNotListTheCertificateSaysGood() {
    X509Certificate alice = issuing.user("alice", noExtensions());

    assertThat(check(alice, issuing.crl(AN_HOUR_AGO, NEXT_WEEK, 1, none())))
        .isInstanceOf(RevocationStatus.Good.class);
  }

  @Test
  void aListedCertificateIsRevokedWithTheEntrysDateAndReason() {
    X509Certificate alice = issuing.user("alice", noExtensions());

    assertThat(
            check(
                alice,
                issuing.crl(
                    AN_HOUR_AGO,
                    NEXT_WEEK,
                    1,
                    b ->
                        b.addCRLEntry(
                            alice.getSerialNumber(), date(A_DAY_AGO), CRLReason.superseded))))
        .isEqualTo(
            new RevocationStatus.Revoked(
                A_DAY_AGO, Optional.of("superseded"), "CRL of " + issuing.name()));
  }

  // ---- delta CRLs (§5.2.4) and removeFromCRL (§5.3.1)

  @Test
  void aDeltaCrlRemovingAHoldLiftsIt() {
    X509Certificate alice = issuing.user("alice", noExtensions());
    X509CRL base =
        issuing.crl(
            A_DAY_AGO,
            NEXT_WEEK,
            10,
            b ->
                b.addCRLEntry(alice.getSerialNumber(), date(A_DAY_AGO), CRLReason.certificateHold));
    X509CRL delta =
        issuing.crl(
            AN_HOUR_AGO,
            NEXT_WEEK,
            11,
            deltaOf(10)
                .andThen(
                    b ->
                        b.addCRLEntry(
                            alice.getSerialNumber(), date(AN_HOUR_AGO), CRLReason.removeFromCRL)));

    assertThat(check(alice, base))
        .isEqualTo(
            new RevocationStatus.Revoked(
                A_DAY_AGO, Optional.of("certificate-hold"), "CRL of " + issuing.name()));
    assertThat(check(alice, base, delta)).isInstanceOf(RevocationStatus.Good.class);
  }

  @Test
  void aDeltaCrlRevokesWhatItsBaseDoesNotList() {
    X509Certificate alice = issuing.user("alice", noExtensions());
    X509CRL base = issuing.crl(A_DAY_AGO, NEXT_WEEK, 10, none());
    X509CRL delta =
        issuing.crl(
            AN_HOUR_AGO,
            NEXT_WEEK,
            11,
            deltaOf(10)
                .andThen(
                    b ->
                        b.addCRLEntry(
                            alice.getSerialNumber(), date(AN_HOUR_AGO), CRLReason.keyCompromise)));

    assertThat(check(alice, base, delta))
        .isEqualTo(
            new RevocationStatus.Revoked(
                AN_HOUR_AGO, Optional.of("key-compromise"), "CRL of " + issuing.name()));
  }

  @Test
  void aDeltaCrlWithoutItsBaseEstablishesNothing() {
    X509Certificate alice = issuing.user("alice", noExtensions());

    assertThat(check(alice, issuing.crl(AN_HOUR_AGO, NEXT_WEEK, 11, deltaOf(10))))
        .isEqualTo(
            new RevocationStatus.Unknown(
                "only a delta CRL of "
                    + issuing.name()
                    + " was given, without the complete CRL it updates"));
  }

  // ---- indirect CRLs and the certificate issuer entry extension (§5.2.5, §5.3.3)

  @Test
  void anIndirectCrlNamesTheCertificatesIssuerInItsEntry() {
    Ca crlIssuer = root.issue("O=keymail tests, CN=CRL Test CRL Issuer", KeyUsage.cRLSign);
    X509Certificate alice = issuing.user("alice", distributionPointOf(crlIssuer));
    X509CRL clean = crlIssuer.crl(AN_HOUR_AGO, NEXT_WEEK, 1, indirect());
    X509CRL listing =
        crlIssuer.crl(
            AN_HOUR_AGO,
            NEXT_WEEK,
            2,
            indirect()
                .andThen(
                    b ->
                        b.addCRLEntry(
                            alice.getSerialNumber(), date(A_DAY_AGO), keyCompromiseOf(issuing))));

    assertThat(check(alice, List.of(crlIssuer.certificate()), clean, rootCrl()))
        .isInstanceOf(RevocationStatus.Good.class);
    assertThat(check(alice, List.of(crlIssuer.certificate()), listing, rootCrl()))
        .isEqualTo(
            new RevocationStatus.Revoked(
                A_DAY_AGO, Optional.of("key-compromise"), "CRL of " + issuing.name()));
  }

  @Test
  void anIndirectCrlListingTheSameSerialForAnotherIssuerDoesNotRevoke() {
    Ca crlIssuer = root.issue("O=keymail tests, CN=CRL Test CRL Issuer", KeyUsage.cRLSign);
    X509Certificate alice = issuing.user("alice", distributionPointOf(crlIssuer));
    X509CRL listingAnother =
        crlIssuer.crl(
            AN_HOUR_AGO,
            NEXT_WEEK,
            2,
            indirect()
                .andThen(
                    b ->
                        b.addCRLEntry(
                            alice.getSerialNumber(), date(A_DAY_AGO), keyCompromiseOf(root))));

    assertThat(check(alice, List.of(crlIssuer.certificate()), listingAnother, rootCrl()))
        .isInstanceOf(RevocationStatus.Good.class);
  }

  @Test
  void aCrlSignedWithTheIssuersSeparateCrlKeyCounts() {
    // §6.3.3 (f): the CRL issuer's own path, to the same anchor, vouches for the separate key.
    Ca certificatesOnly =
        root.issue("O=keymail tests, CN=CRL Test Separate Keys CA", KeyUsage.keyCertSign);
    Ca crlKey = root.issueSameName(certificatesOnly, KeyUsage.cRLSign);
    X509Certificate alice = certificatesOnly.user("alice", noExtensions());

    assertThat(
            check(
                alice,
                certificatesOnly,
                List.of(crlKey.certificate()),
                crlKey.crl(AN_HOUR_AGO, NEXT_WEEK, 1, none()),
                rootCrl()))
        .isInstanceOf(RevocationStatus.Good.class);
  }

  // ---- reason partitions (§5.2.5 onlySomeReasons, §6.3.3 (k))

  @Test
  void crlsCoveringOnlySomeReasonsLeaveTheStatusUnknownUntilTogetherTheyCoverAll() {
    X509Certificate alice = issuing.user("alice", noExtensions());
    X509CRL compromises =
        issuing.crl(
            AN_HOUR_AGO,
            NEXT_WEEK,
            1,
            onlySomeReasons(ReasonFlags.keyCompromise | ReasonFlags.cACompromise));
    X509CRL others =
        issuing.crl(
            AN_HOUR_AGO,
            NEXT_WEEK,
            2,
            onlySomeReasons(
                ReasonFlags.unused
                    | ReasonFlags.affiliationChanged
                    | ReasonFlags.superseded
                    | ReasonFlags.cessationOfOperation
                    | ReasonFlags.certificateHold
                    | ReasonFlags.privilegeWithdrawn
                    | ReasonFlags.aACompromise));

    assertThat(check(alice, compromises))
        .isEqualTo(
            new RevocationStatus.Unknown(
                "the CRLs of " + issuing.name() + " given cover only some revocation reasons",
                RevocationStatus.Gap.ONLY_SOME_REASONS));
    assertThat(check(alice, compromises, others)).isInstanceOf(RevocationStatus.Good.class);
  }

  @Test
  void onlySomeReasonsCoveredIsItsOwnReasonUnderHardFailAndANoteUnderSoftFail() {
    X509Certificate alice = issuing.user("alice", noExtensions());
    RevocationCheck check =
        new CrlRevocationCheck(
            List.of(
                issuing.crl(
                    AN_HOUR_AGO,
                    NEXT_WEEK,
                    1,
                    onlySomeReasons(ReasonFlags.keyCompromise | ReasonFlags.cACompromise)),
                root.crl(AN_HOUR_AGO, NEXT_WEEK, 1, none())));

    assertThat(reasons(alice, check, RevocationPolicy.HARD_FAIL))
        .containsExactly(
            "the signature is valid, but the CRLs of "
                + issuing.name()
                + " at hand cover only some revocation reasons for the certificate of CN=alice,"
                + " so whether it was revoked could not be established, and your trust settings"
                + " require it");
    assertThat(findings(alice, check, RevocationPolicy.SOFT_FAIL))
        .extracting(Finding::code)
        .containsExactly(ReasonCode.REVOCATION_UNKNOWN);
  }

  // ---- CRLs at hand that cannot be relied on: a failure under every policy

  /**
   * CRLs of the issuer at hand that cannot be relied on: how each is made, its flaw, the date it
   * names, and how a person is told.
   */
  enum UnusableCrl {
    FORGED(
        RevocationStatus.Flaw.SIGNATURE_INVALID,
        Optional.empty(),
        "does not carry a valid signature: it is forged or was changed") {
      @Override
      X509CRL of(Ca issuing) {
        return Ca.root(issuing.name()).crl(AN_HOUR_AGO, NEXT_WEEK, 1, none());
      }
    },
    UNKNOWN_CRITICAL_EXTENSION(
        RevocationStatus.Flaw.UNKNOWN_CRITICAL_EXTENSION,
        Optional.empty(),
        "carries a critical extension keymail does not know, so it cannot be relied on") {
      @Override
      X509CRL of(Ca issuing) {
        return issuing.crl(
            AN_HOUR_AGO,
            NEXT_WEEK,
            1,
            b -> addExtension(b, new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), true));
      }
    },
    STALE(
        RevocationStatus.Flaw.STALE,
        Optional.of(A_DAY_AGO),
        "is out of date: its next update was due on " + A_DAY_AGO) {
      @Override
      X509CRL of(Ca issuing) {
        return issuing.crl(NOW.minus(Duration.ofDays(10)), A_DAY_AGO, 1, none());
      }
    };

    final RevocationStatus.Flaw flaw;
    final Optional<Instant> date;
    final String words;

    UnusableCrl(RevocationStatus.Flaw flaw, Optional<Instant> date, String words) {
      this.flaw = flaw;
      this.date = date;
      this.words = words;
    }

    abstract X509CRL of(Ca issuing);
  }

  @ParameterizedTest
  @EnumSource
  void aCrlOfTheIssuerThatCannotBeReliedOnIsUnusableAndSaysWhy(UnusableCrl unusable) {
    X509Certificate alice = issuing.user("alice", noExtensions());
    X509CRL crl = unusable.of(issuing);

    assertThat(check(alice, crl))
        .isEqualTo(new RevocationStatus.Unusable(unusable.flaw, issuing.name(), unusable.date));
    assertThat(reasons(alice, crl))
        .containsExactly(
            "the signature is valid, but the CRL of "
                + issuing.name()
                + " that should tell whether the certificate of CN=alice was revoked "
                + unusable.words);
  }

  @Test
  void aForgedCrlAlongsideAGoodOneIsLeftAside() {
    X509Certificate alice = issuing.user("alice", noExtensions());
    Ca impostor = Ca.root(issuing.name());

    assertThat(
            check(
                alice,
                impostor.crl(AN_HOUR_AGO, NEXT_WEEK, 2, none()),
                issuing.crl(AN_HOUR_AGO, NEXT_WEEK, 1, none())))
        .isInstanceOf(RevocationStatus.Good.class);
  }

  @Test
  void aCrlOfAnIssuerWithoutCrlSignIsNotAllowed() {
    Ca noCrlSign =
        root.issue("O=keymail tests, CN=CRL Test Certificates Only CA", KeyUsage.keyCertSign);
    X509Certificate alice = noCrlSign.user("alice", noExtensions());
    X509CRL crl = noCrlSign.crl(AN_HOUR_AGO, NEXT_WEEK, 1, none());

    assertThat(check(alice, noCrlSign, List.of(), crl))
        .isEqualTo(
            new RevocationStatus.Unusable(
                RevocationStatus.Flaw.ISSUER_NOT_ALLOWED_TO_SIGN_CRLS,
                noCrlSign.name(),
                Optional.empty()));
    assertThat(
            RevocationRule.check(
                    List.of(alice, noCrlSign.certificate()),
                    root.certificate(),
                    List.of(),
                    new CrlRevocationCheck(
                        List.of(crl, root.crl(AN_HOUR_AGO, NEXT_WEEK, 1, none()))),
                    RevocationPolicy.SOFT_FAIL,
                    NOW)
                .stream()
                .map(VerdictTexts.english()::reason))
        .containsExactly(
            "the signature is valid, but the CRL that should tell whether the certificate of"
                + " CN=alice was revoked was signed by "
                + noCrlSign.name()
                + ", whose certificate does not allow signing CRLs (its key usage lacks cRLSign)");
  }

  @Test
  void aCrlSignedByAKeyWithoutAPathToTheSameAnchorIsUntrusted() {
    Ca certificatesOnly =
        root.issue("O=keymail tests, CN=CRL Test Separate Keys CA", KeyUsage.keyCertSign);
    Ca stranger = Ca.root("O=keymail tests, CN=CRL Test Stranger Root");
    Ca crlKey = stranger.issueSameName(certificatesOnly, KeyUsage.cRLSign);
    X509Certificate alice = certificatesOnly.user("alice", noExtensions());

    assertThat(
            check(
                alice,
                certificatesOnly,
                List.of(crlKey.certificate(), stranger.certificate()),
                crlKey.crl(AN_HOUR_AGO, NEXT_WEEK, 1, none()),
                rootCrl()))
        .isEqualTo(
            new RevocationStatus.Unusable(
                RevocationStatus.Flaw.ISSUER_UNTRUSTED, certificatesOnly.name(), Optional.empty()));
  }

  @Test
  void anIndirectCrlWhoseIssuerHasNoPathIsUntrustedNotForged() {
    Ca stranger = Ca.root("O=keymail tests, CN=CRL Test Stranger Root");
    Ca crlIssuer = stranger.issue("O=keymail tests, CN=CRL Test CRL Issuer", KeyUsage.cRLSign);
    X509Certificate alice = issuing.user("alice", distributionPointOf(crlIssuer));
    RevocationCheck check =
        new CrlRevocationCheck(
            List.of(crlIssuer.crl(AN_HOUR_AGO, NEXT_WEEK, 1, indirect()), rootCrl()));

    assertThat(
            RevocationRule.check(
                    List.of(alice, issuing.certificate()),
                    root.certificate(),
                    List.of(crlIssuer.certificate(), stranger.certificate()),
                    check,
                    RevocationPolicy.SOFT_FAIL,
                    NOW)
                .stream()
                .map(VerdictTexts.english()::reason))
        .containsExactly(
            "the signature is valid, but the CRL that should tell whether the certificate of"
                + " CN=alice was revoked was signed by "
                + crlIssuer.name()
                + ", whose own certificate could not be validated: it does not lead to the"
                + " authority you trust for it, or its own revocation is not established");
  }

  @Test
  void aCrlFromAfterTheTimeCheckedIsNotInformationAboutThatTime() {
    X509Certificate alice = issuing.user("alice", noExtensions());

    assertThat(check(alice, issuing.crl(NOW.plus(Duration.ofHours(1)), NEXT_WEEK, 1, none())))
        .isEqualTo(
            new RevocationStatus.Unknown(
                "the CRL of " + issuing.name() + " is newer than the time checked"));
    assertThat(check(alice, issuing.crl(NOW.plus(Duration.ofMinutes(4)), NEXT_WEEK, 1, none())))
        .as("within the CA's five minutes of clock skew")
        .isInstanceOf(RevocationStatus.Good.class);
  }

  @Test
  void aCrlForOtherCertificatesDoesNotCoverThisOne() {
    X509Certificate alice = issuing.user("alice", noExtensions());
    X509CRL caCertificatesOnly =
        issuing.crl(
            AN_HOUR_AGO,
            NEXT_WEEK,
            1,
            b ->
                addExtension(
                    b,
                    Extension.issuingDistributionPoint,
                    new IssuingDistributionPoint(null, false, true, null, false, false)));

    assertThat(check(alice, caCertificatesOnly))
        .isEqualTo(
            new RevocationStatus.Unknown(
                "no CRL of " + issuing.name() + " given covers the certificate"));
  }

  // ---- helpers

  private RevocationStatus check(X509Certificate certificate, X509CRL... crls) {
    return check(certificate, issuing, List.of(), crls);
  }

  private RevocationStatus check(
      X509Certificate certificate, List<X509Certificate> others, X509CRL... crls) {
    return check(certificate, issuing, others, crls);
  }

  private RevocationStatus check(
      X509Certificate certificate, Ca issuer, List<X509Certificate> others, X509CRL... crls) {
    return new CrlRevocationCheck(List.of(crls))
        .check(
            new CertificateInPath(
                List.of(certificate, issuer.certificate()), 0, root.certificate(), others),
            NOW);
  }

  /** The verdict's reasons for the path of {@code certificate}, the root's CRL clean. */
  private List<String> reasons(X509Certificate certificate, X509CRL crl) {
    List<X509CRL> crls = new ArrayList<>(List.of(crl));
    crls.add(root.crl(AN_HOUR_AGO, NEXT_WEEK, 1, none()));
    return reasons(certificate, new CrlRevocationCheck(crls), RevocationPolicy.SOFT_FAIL);
  }

  private List<String> reasons(
      X509Certificate certificate, RevocationCheck check, RevocationPolicy policy) {
    return findings(certificate, check, policy).stream()
        .map(VerdictTexts.english()::reason)
        .toList();
  }

  private List<Finding> findings(
      X509Certificate certificate, RevocationCheck check, RevocationPolicy policy) {
    return RevocationRule.check(
        List.of(certificate, issuing.certificate()),
        root.certificate(),
        List.of(),
        check,
        policy,
        NOW);
  }

  /** The root's CRL, listing nothing: what CRL issuers' own certificates are checked against. */
  private X509CRL rootCrl() {
    return root.crl(AN_HOUR_AGO, NEXT_WEEK, 1, none());
  }

  private static Consumer<X509v2CRLBuilder> none() {
    return b -> {};
  }

  private static Consumer<X509v3CertificateBuilder> noExtensions() {
    return b -> {};
  }

  private static Consumer<X509v2CRLBuilder> deltaOf(long baseNumber) {
    return b ->
        addExtension(
            b, Extension.deltaCRLIndicator, true, new CRLNumber(BigInteger.valueOf(baseNumber)));
  }

  private static Consumer<X509v2CRLBuilder> indirect() {
    return b ->
        addExtension(
            b,
            Extension.issuingDistributionPoint,
            new IssuingDistributionPoint(null, false, false, null, true, false));
  }

  private static Consumer<X509v2CRLBuilder> onlySomeReasons(int reasons) {
    return b ->
        addExtension(
            b,
            Extension.issuingDistributionPoint,
            new IssuingDistributionPoint(
                null, false, false, new ReasonFlags(reasons), false, false));
  }

  private static Consumer<X509v3CertificateBuilder> distributionPointOf(Ca crlIssuer) {
    return b -> {
      try {
        b.addExtension(
            Extension.cRLDistributionPoints,
            false,
            new CRLDistPoint(
                new DistributionPoint[] {
                  new DistributionPoint(
                      null, null, new GeneralNames(new GeneralName(new X500Name(crlIssuer.name()))))
                }));
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /** Entry extensions: reason keyCompromise, certificate issuer {@code issuer} (§5.3.3). */
  private static Extensions keyCompromiseOf(Ca issuer) {
    try {
      ExtensionsGenerator extensions = new ExtensionsGenerator();
      extensions.addExtension(
          Extension.reasonCode, false, CRLReason.lookup(CRLReason.keyCompromise));
      extensions.addExtension(
          Extension.certificateIssuer,
          true,
          new GeneralNames(new GeneralName(new X500Name(issuer.name()))));
      return extensions.generate();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void addExtension(
      X509v2CRLBuilder builder, ASN1ObjectIdentifier oid, boolean critical) {
    addExtension(builder, oid, critical, new DEROctetString(new byte[] {1}));
  }

  private static void addExtension(
      X509v2CRLBuilder builder,
      ASN1ObjectIdentifier oid,
      org.bouncycastle.asn1.ASN1Encodable value) {
    addExtension(builder, oid, true, value);
  }

  private static void addExtension(
      X509v2CRLBuilder builder,
      ASN1ObjectIdentifier oid,
      boolean critical,
      org.bouncycastle.asn1.ASN1Encodable value) {
    try {
      builder.addExtension(oid, critical, value);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Date date(Instant instant) {
    return Date.from(instant);
  }

  /** A certificate authority of this test: its certificate and key pair (EC P-256). */
  private record Ca(X509Certificate certificate, KeyPair keys) {

    static Ca root(String name) {
      KeyPair keys = newKeys();
      return new Ca(
          certificate(
              new X500Name(name),
              keys,
              new X500Name(name),
              keys.getPrivate(),
              null,
              KeyUsage.keyCertSign | KeyUsage.cRLSign,
              true),
          keys);
    }

    /** A CA under this one. */
    Ca issue(String name, int keyUsage) {
      KeyPair keys = newKeys();
      return new Ca(
          certificate(
              new X500Name(name),
              keys,
              subject(),
              this.keys.getPrivate(),
              certificate,
              keyUsage,
              true),
          keys);
    }

    /** A certificate under this one for another key of {@code other} (same name). */
    Ca issueSameName(Ca other, int keyUsage) {
      return issue(other.name(), keyUsage);
    }

    /** An end-entity certificate {@code CN=commonName} under this CA. */
    X509Certificate user(String commonName, Consumer<X509v3CertificateBuilder> extensions) {
      KeyPair keys = newKeys();
      return certificate(
          new X500Name("CN=" + commonName),
          keys,
          subject(),
          this.keys.getPrivate(),
          certificate,
          KeyUsage.digitalSignature,
          false,
          extensions);
    }

    /** A CRL signed by this CA's key, with CRL number {@code number} and {@code contents}. */
    X509CRL crl(
        Instant thisUpdate, Instant nextUpdate, long number, Consumer<X509v2CRLBuilder> contents) {
      try {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(subject(), date(thisUpdate));
        builder.setNextUpdate(date(nextUpdate));
        builder.addExtension(
            Extension.authorityKeyIdentifier,
            false,
            new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(keys.getPublic()));
        builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
        contents.accept(builder);
        return new JcaX509CRLConverter()
            .getCRL(
                builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
      } catch (GeneralSecurityException
          | java.io.IOException
          | org.bouncycastle.operator.OperatorCreationException e) {
        throw new IllegalStateException("cannot issue a test CRL", e);
      }
    }

    X500Name subject() {
      return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    /** The name as verdicts show it. */
    String name() {
      return org.keymail.smime.CertificateNames.subject(certificate);
    }

    private static X509Certificate certificate(
        X500Name subject,
        KeyPair keys,
        X500Name issuer,
        PrivateKey issuerKey,
        X509Certificate issuerCertificate,
        int keyUsage,
        boolean ca) {
      return certificate(
          subject, keys, issuer, issuerKey, issuerCertificate, keyUsage, ca, noExtensions());
    }

    private static X509Certificate certificate(
        X500Name subject,
        KeyPair keys,
        X500Name issuer,
        PrivateKey issuerKey,
        X509Certificate issuerCertificate,
        int keyUsage,
        boolean ca,
        Consumer<X509v3CertificateBuilder> extensions) {
      try {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder =
            new JcaX509v3CertificateBuilder(
                issuer,
                BigInteger.valueOf(SERIALS.incrementAndGet()),
                date(NOW.minus(Duration.ofDays(30))),
                date(NOW.plus(Duration.ofDays(365))),
                subject,
                keys.getPublic());
        builder.addExtension(
            Extension.basicConstraints,
            true,
            ca ? new BasicConstraints(true) : new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        builder.addExtension(
            Extension.subjectKeyIdentifier,
            false,
            utils.createSubjectKeyIdentifier(keys.getPublic()));
        builder.addExtension(
            Extension.authorityKeyIdentifier,
            false,
            issuerCertificate == null
                ? utils.createAuthorityKeyIdentifier(keys.getPublic())
                : utils.createAuthorityKeyIdentifier(issuerCertificate));
        extensions.accept(builder);
        return new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
      } catch (GeneralSecurityException
          | java.io.IOException
          | org.bouncycastle.operator.OperatorCreationException e) {
        throw new IllegalStateException("cannot issue a test certificate " + subject, e);
      }
    }

    private static KeyPair newKeys() {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
