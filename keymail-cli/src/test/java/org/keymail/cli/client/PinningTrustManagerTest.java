package org.keymail.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.smime.CertificateFingerprint;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;

class PinningTrustManagerTest {

  private static final String SERVER = "mail.example.org:8443";

  @TempDir Path home;

  private final TestPki organisation = TestPki.create();
  private final ByteArrayOutputStream notes = new ByteArrayOutputStream();

  private PinningTrustManager trustManager() {
    return new PinningTrustManager(
        SERVER, new KnownServers(home.resolve("known-servers")), new PrintStream(notes, true));
  }

  private X509Certificate[] serverChain(TestPki pki) {
    X509Certificate leaf = pki.user("server@example.org", KeyType.EC_P256).certificate();
    return new X509Certificate[] {leaf, pki.issuing()};
  }

  @Test
  void pinsTheIssuingAuthoritySoARenewedServerCertificateIsAccepted() throws Exception {
    trustManager().checkServerTrusted(serverChain(organisation), "ECDHE_ECDSA");

    assertThat(notes.toString(StandardCharsets.UTF_8))
        .contains("first connection to " + SERVER)
        .contains(CertificateFingerprint.readable(organisation.issuing()));
    // The server renews its own certificate under the same CA: no prompt, no refusal.
    trustManager().checkServerTrusted(serverChain(organisation), "ECDHE_ECDSA");
  }

  @Test
  void aCertificateFromAnotherAuthorityIsRefused() throws Exception {
    trustManager().checkServerTrusted(serverChain(organisation), "ECDHE_ECDSA");

    PinningTrustManager again = trustManager();
    assertThatThrownBy(() -> again.checkServerTrusted(serverChain(TestPki.create()), "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class);
    assertThat(again.refusal()).isPresent();
  }

  @Test
  void aServerCertificateThePinnedAuthorityDidNotSignIsRefusedEvenWithThatAuthorityShown()
      throws Exception {
    trustManager().checkServerTrusted(serverChain(organisation), "ECDHE_ECDSA");
    // An impostor shows the real issuing CA above a certificate it made itself in that CA's name.
    X509Certificate impostor = inTheNameOf(organisation.issuing());

    assertThatThrownBy(
            () ->
                trustManager()
                    .checkServerTrusted(
                        new X509Certificate[] {impostor, organisation.issuing()}, "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("is not validly issued by the certificate authority pinned for it");
  }

  private static X509Certificate inTheNameOf(X509Certificate authority) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair own = generator.generateKeyPair();
    Instant now = Instant.now();
    ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(own.getPrivate());
    return new JcaX509CertificateConverter()
        .getCertificate(
            new JcaX509v3CertificateBuilder(
                    authority.getSubjectX500Principal(),
                    BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minusSeconds(60)),
                    Date.from(now.plusSeconds(3600)),
                    new X500Principal("CN=mail.example.org"),
                    own.getPublic())
                .build(signer));
  }

  @Test
  void aPinOfTheServerCertificateItselfStillWorks() throws Exception {
    X509Certificate[] chain = serverChain(organisation);
    new KnownServers(home.resolve("known-servers"))
        .remember(SERVER, CertificateFingerprint.hex(chain[0]));

    trustManager().checkServerTrusted(chain, "ECDHE_ECDSA");

    assertThat(notes.toString(StandardCharsets.UTF_8)).doesNotContain("first connection");
  }
}
