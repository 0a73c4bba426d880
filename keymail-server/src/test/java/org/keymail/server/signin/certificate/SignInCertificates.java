package org.keymail.server.signin.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.issue.CertificateIssuer;
import org.keymail.pki.issue.IssuedCertificate;
import org.keymail.pki.issue.Subscriber;
import org.keymail.pki.store.PkiDatabase;
import org.keymail.pki.template.Template;
import org.keymail.pki.template.TemplateProfile;
import org.keymail.pki.template.Templates;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.TestServer;
import org.keymail.testing.ExternalProgram;
import org.keymail.testing.Openssl;
import org.keymail.testing.ProcessResult;
import tools.jackson.databind.JsonNode;

/**
 * Sign-in certificates for the tests, minted at run time: from the organisation's CA through the
 * user's own certificate request (the Smartcard Logon template, or another for the wrong purpose),
 * from the CA to someone who is no keymail user, and from a CA of openssl's that keymail does not
 * know; and {@code curl --cert/--key} against the certificate listener, as a person's browser or
 * script would.
 */
public final class SignInCertificates {

  /** A certificate and its private key, as PEM files. */
  public record Credential(Path certificate, Path key) {
    public X509Certificate x509() {
      try (var in = Files.newInputStream(certificate)) {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** What curl got: the status, the body and the session cookie set, if one was. */
  record Answer(int status, String body, Optional<String> sessionCookie, String location) {
    JsonNode json() {
      return ApiClient.json(body);
    }
  }

  private final TestServer server;
  private final int port;
  private final Openssl openssl;
  private final Path serverRoot;
  private int made;

  public SignInCertificates(TestServer server, int port, Path folder) {
    this.server = server;
    this.port = port;
    this.openssl = new Openssl(folder);
    this.serverRoot =
        openssl.write("server-root.pem", pem(server.bean(CertificateAuthority.class).root()));
  }

  /** A fresh P-256 key and a certification request for it. */
  private Path[] keyAndRequest() {
    String name = "key" + (++made);
    openssl.mustRun(
        "req",
        "-new",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        name + ".key",
        "-subj",
        "/CN=" + name,
        "-out",
        name + ".csr");
    return new Path[] {openssl.file(name + ".key"), openssl.file(name + ".csr")};
  }

  /**
   * {@code user}'s certificate of {@code template} from the organisation's CA, on a key of theirs.
   */
  public Credential fromOrganisation(ApiClient user, String template, ApiClient administrator) {
    Path[] key = keyAndRequest();
    HttpResponse<String> issued =
        user.post(
            "/api/v1/certificate-requests/csr", Map.of("template", template, "csr", read(key[1])));
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    JsonNode request = ApiClient.json(issued.body());
    if ("PENDING".equals(request.get("status").asString())) {
      String id = request.get("id").asString();
      HttpResponse<String> approved =
          administrator.post("/api/v1/admin/certificate-requests/" + id + "/approve", Map.of());
      assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
      HttpResponse<String> again = user.get("/api/v1/certificate-requests/" + id);
      request = ApiClient.json(again.body());
    }
    assertThat(request.get("status").asString()).as(request.toString()).isEqualTo("ISSUED");
    Path certificate = openssl.write("cert" + made + ".pem", request.get("certificate").asString());
    return new Credential(certificate, key[0]);
  }

  /**
   * A Smartcard Logon certificate of the organisation's CA, recorded as issued, for an address no
   * keymail user has (a person since removed, say).
   */
  Credential fromOrganisationFor(String email) {
    Path[] key = keyAndRequest();
    try {
      SubjectPublicKeyInfo publicKey;
      try (PEMParser parser = new PEMParser(new StringReader(read(key[1])))) {
        publicKey = ((PKCS10CertificationRequest) parser.readObject()).getSubjectPublicKeyInfo();
      }
      Template template =
          server.bean(Templates.class).list().stream()
              .filter(t -> t.builtIn() && t.profile() == TemplateProfile.SMARTCARD_LOGON)
              .findFirst()
              .orElseThrow();
      IssuedCertificate issued =
          server
              .bean(PkiDatabase.class)
              .inSigningTransaction(
                  c ->
                      server
                          .bean(CertificateIssuer.class)
                          .issue(
                              c,
                              new Subscriber(UUID.randomUUID(), email, "Gone", null),
                              template,
                              publicKey,
                              null));
      return new Credential(
          openssl.write("cert" + made + ".pem", pem(issued.certificate())), key[0]);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A certificate made by a CA of openssl's own, with everything else right: client authentication,
   * {@code email} in the SAN, valid now.
   */
  Credential fromElsewhere(String email) {
    return fromElsewhere(email, Optional.empty());
  }

  /** As {@link #fromElsewhere(String)}, naming {@code crl} as its CRL distribution point. */
  Credential fromElsewhere(String email, Optional<String> crl) {
    if (!Files.exists(openssl.file("elsewhere.pem"))) {
      openssl.mustRun(
          "req",
          "-x509",
          "-newkey",
          "ec",
          "-pkeyopt",
          "ec_paramgen_curve:P-256",
          "-nodes",
          "-keyout",
          "elsewhere.key",
          "-out",
          "elsewhere.pem",
          "-days",
          "30",
          "-subj",
          "/O=Elsewhere/CN=Elsewhere Root CA",
          "-addext",
          "basicConstraints=critical,CA:true",
          "-addext",
          "keyUsage=critical,keyCertSign,cRLSign");
    }
    Path[] key = keyAndRequest();
    Path extensions =
        openssl.write(
            "ext" + made + ".cnf",
            "extendedKeyUsage=clientAuth,1.3.6.1.4.1.311.20.2.2\n"
                + "keyUsage=critical,digitalSignature\n"
                + "subjectAltName=email:"
                + email
                + ",otherName:1.3.6.1.4.1.311.20.2.3;UTF8:"
                + email
                + "\n"
                + crl.map(url -> "crlDistributionPoints=URI:" + url + "\n").orElse(""));
    Path certificate = openssl.file("cert" + made + ".pem");
    openssl.mustRun(
        "x509",
        "-req",
        "-in",
        key[1].getFileName().toString(),
        "-CA",
        "elsewhere.pem",
        "-CAkey",
        "elsewhere.key",
        "-CAcreateserial",
        "-days",
        "10",
        "-extfile",
        extensions.getFileName().toString(),
        "-out",
        certificate.getFileName().toString());
    return new Credential(certificate, key[0]);
  }

  /** The root certificate of openssl's CA ({@link #fromElsewhere}), PEM. */
  Path elsewhereRoot() {
    return openssl.file("elsewhere.pem");
  }

  /** Its private key, PEM (PKCS#8), for signing its CRL. */
  Path elsewhereKey() {
    return openssl.file("elsewhere.key");
  }

  /** {@code curl --cert --key} at the certificate listener, asking for JSON. */
  Answer signIn(Credential credential) {
    return curl(Optional.of(credential), "", "application/json");
  }

  /** As {@link #signIn}, to {@code query} ("?to=admin") and with {@code accept}. */
  Answer curl(Optional<Credential> credential, String query, String accept) {
    List<String> args = new ArrayList<>(List.of("-s", "-S", "--cacert", serverRoot.toString()));
    credential.ifPresent(
        c ->
            args.addAll(
                List.of("--cert", c.certificate().toString(), "--key", c.key().toString())));
    Path headers = openssl.file("headers" + (++made) + ".txt");
    Path body = openssl.file("body" + made + ".txt");
    args.addAll(
        List.of(
            "-H",
            "Accept: " + accept,
            "-D",
            headers.toString(),
            "-o",
            body.toString(),
            "-w",
            "%{http_code}",
            "https://localhost:" + port + CertificateSignInController.PATH + query));
    ProcessResult result =
        ExternalProgram.command("curl", args.toArray(String[]::new))
            .installHint("apt-get install -y curl")
            .run();
    assertThat(result.succeeded()).as(result.describe()).isTrue();
    String head = read(headers);
    Optional<String> cookie =
        head.lines()
            .filter(l -> l.regionMatches(true, 0, "Set-Cookie: KEYMAIL_SESSION=", 0, 28))
            .map(l -> l.substring("Set-Cookie: ".length()).split(";", 2)[0])
            .findFirst();
    String location =
        head.lines()
            .filter(l -> l.regionMatches(true, 0, "Location: ", 0, 10))
            .map(l -> l.substring(10).strip())
            .findFirst()
            .orElse("");
    return new Answer(Integer.parseInt(result.out().strip()), read(body), cookie, location);
  }

  static String pem(X509Certificate certificate) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
