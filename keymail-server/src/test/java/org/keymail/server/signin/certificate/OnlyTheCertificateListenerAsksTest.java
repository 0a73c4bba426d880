package org.keymail.server.signin.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.server.signin.certificate.CertificateSignInTest.certificateListenerOn;
import static org.keymail.server.signin.certificate.CertificateSignInTest.get;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.server.signin.certificate.SignInCertificates.Answer;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.testing.FreePorts;

/**
 * Browsers are asked for a certificate on the certificate listener only: a TLS handshake with the
 * main listener carries no certificate request, one with the certificate listener does; and without
 * the setting there is no certificate listener at all. A certificate sign-in's session is the main
 * listener's, on PostgreSQL as on H2.
 */
class OnlyTheCertificateListenerAsksTest {

  @ParameterizedTest
  @ValueSource(strings = {"POSTGRESQL"})
  void onlyTheCertificateListenerAsksForACertificate(String product, @TempDir Path folder) {
    int port = FreePorts.pick();
    try (Organisation organisation = Organisation.start(product, certificateListenerOn(port))) {
      TestServer server = organisation.server();
      assertThat(askedForACertificate(server, server.port())).isFalse();
      assertThat(askedForACertificate(server, port)).isTrue();
      // The main listener's address for it leads to the certificate listener.
      var onTheMainListener = server.get("/signin/certificate?to=admin");
      assertThat(onTheMainListener.statusCode()).isEqualTo(303);
      assertThat(onTheMainListener.headers().firstValue("Location"))
          .contains("https://localhost:" + port + "/signin/certificate?to=admin");

      CertificateSignInTest.allowCertificates(organisation, "certificate");
      ApiClient alice = organisation.user("alice@example.org");
      SignInCertificates certificates = new SignInCertificates(server, port, folder);
      Answer signedIn =
          certificates.signIn(
              certificates.fromOrganisation(
                  alice, "smartcard-logon", organisation.administrator()));
      assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
      assertThat(get(server, "/mail", signedIn.sessionCookie().orElseThrow()).statusCode())
          .isEqualTo(200);
      // The certificate listener serves certificate sign-in and nothing else.
      Answer elsewhere = certificates.curl(java.util.Optional.empty(), "/../../mail", "text/html");
      assertThat(elsewhere.status()).isEqualTo(404);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2"})
  void withoutTheSettingNoListenerAsks(String product) {
    try (TestServer server = TestServer.start(product)) {
      assertThat(askedForACertificate(server, server.port())).isFalse();
      var answer = server.get("/signin/certificate");
      assertThat(answer.statusCode()).isEqualTo(404);
      assertThat(answer.body()).contains("Certificate sign-in is off on this server");
      assertThat(server.get("/signin").body()).doesNotContain("signin-certificate");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2"})
  void theStartReportNamesTheListenerAndAttemptsAreRateLimited(
      String product, @TempDir Path folder) {
    int port = FreePorts.pick();
    java.io.PrintStream console = System.out;
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
    try (TestServer server =
        TestServer.start(
            product,
            java.util.Map.of(
                "keymail.signin.certificate.port",
                Integer.toString(port),
                "keymail.limits.sign-in-per-minute",
                "2"))) {
      // Certificate sign-in counts against the sign-in attempts of the client's address.
      SignInCertificates certificates = new SignInCertificates(server, port, folder);
      assertThat(certificates.curl(java.util.Optional.empty(), "", "application/json").status())
          .isEqualTo(401);
      assertThat(certificates.curl(java.util.Optional.empty(), "", "application/json").status())
          .isEqualTo(401);
      Answer third = certificates.curl(java.util.Optional.empty(), "", "application/json");
      assertThat(third.status()).isEqualTo(429);
      assertThat(third.json().get("error").asString()).isEqualTo("too_many_requests");
    } finally {
      System.setOut(console);
    }
    assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains(
            "certificate sign-in (asks browsers for a client certificate): https://localhost:"
                + port
                + "/signin/certificate");
  }

  /** Whether a TLS handshake with {@code port} carried a certificate request. */
  private static boolean askedForACertificate(TestServer server, int port) {
    AtomicBoolean asked = new AtomicBoolean();
    try {
      KeyStore roots = KeyStore.getInstance("PKCS12");
      roots.load(null, null);
      roots.setCertificateEntry("root", server.bean(CertificateAuthority.class).root());
      TrustManagerFactory organisation =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      organisation.init(roots);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          new KeyManager[] {new NoCertificateButNoting(asked)},
          organisation.getTrustManagers(),
          null);
      try (SSLSocket socket =
          (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
        socket.startHandshake();
        // TLS 1.3 sends the certificate request before the server's Finished; reading ensures the
        // whole handshake has been processed.
        socket.getSession();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return asked.get();
  }

  /** Presents no certificate, and notes whether the server asked for one. */
  private static final class NoCertificateButNoting extends X509ExtendedKeyManager {
    private final AtomicBoolean asked;

    NoCertificateButNoting(AtomicBoolean asked) {
      this.asked = asked;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      asked.set(true);
      return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return null;
    }
  }
}
