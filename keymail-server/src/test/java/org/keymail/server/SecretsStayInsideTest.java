package org.keymail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.TestServer;
import org.keymail.vault.store.VaultDatabase;

/**
 * After a run that imports a PKCS#12 file, signs and decrypts through the API, none of the secrets
 * appears anywhere an attacker could read: the server's log, any API answer (other than the one
 * unlock answer that hands the session token to its client), the database (every table, and for H2
 * the raw database file) or the node's key-use journal.
 */
class SecretsStayInsideTest {

  private static final String ACCESS_CODE = "Quiet-Lantern-58";
  private static final String P12_PASSWORD = "p12-Pass-Word-31";

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void noPrivateKeyAccessCodeOrSessionTokenLeaksIntoLogsAnswersOrDatabase(String product)
      throws Exception {
    KeyPair pair = rsaKeyPair();
    X509Certificate certificate = selfSigned(pair, "gus@example.org");
    Map<String, byte[]> secrets = new LinkedHashMap<>();
    List<HttpResponse<String>> answers;
    HttpResponse<String> tokenAnswer;
    Path log;
    TestServer server = TestServer.start(product);
    try {
      log = server.dataDirectory().resolve("keymail.log");
      ApiClient client = new ApiClient(server);
      assertThat(client.activate(server.invite("gus@example.org"), ACCESS_CODE).statusCode())
          .isEqualTo(201);
      client.unlock("wrong-" + ACCESS_CODE);
      tokenAnswer = client.unlock(ACCESS_CODE);
      assertThat(tokenAnswer.statusCode()).isEqualTo(200);

      HttpResponse<String> imported = client.importPkcs12(pkcs12(pair, certificate), P12_PASSWORD);
      assertThat(imported.statusCode()).isEqualTo(201);
      String keyId = ApiClient.json(imported.body()).get("keyIds").get(0).asString();

      byte[] toBeSigned = "keymail signs this".getBytes(StandardCharsets.UTF_8);
      HttpResponse<String> signed =
          client.post(
              "/api/v1/keys/" + keyId + "/sign",
              Map.of("algorithm", "sha256-rsa", "data", b64(toBeSigned)));
      assertThat(signed.statusCode()).isEqualTo(200);
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(pair.getPublic());
      verifier.update(toBeSigned);
      assertThat(
              verifier.verify(
                  Base64.getDecoder()
                      .decode(ApiClient.json(signed.body()).get("signature").asString())))
          .isTrue();

      byte[] contentKey = new byte[32];
      new SecureRandom().nextBytes(contentKey);
      Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
      rsa.init(Cipher.ENCRYPT_MODE, pair.getPublic());
      HttpResponse<String> decrypted =
          client.post(
              "/api/v1/keys/" + keyId + "/decrypt",
              Map.of(
                  "kind", "key-transport",
                  "keyEncryptionAlgorithm",
                      b64(
                          new AlgorithmIdentifier(
                                  PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE)
                              .getEncoded()),
                  "contentEncryptionAlgorithm",
                      b64(
                          new AlgorithmIdentifier(
                                  NISTObjectIdentifiers.id_aes256_CBC,
                                  new DEROctetString(new byte[16]))
                              .getEncoded()),
                  "encryptedKey", b64(rsa.doFinal(contentKey))));
      assertThat(decrypted.statusCode()).isEqualTo(200);
      assertThat(
              Base64.getDecoder()
                  .decode(ApiClient.json(decrypted.body()).get("contentKey").asString()))
          .isEqualTo(contentKey);

      HttpResponse<String> generated = client.post("/api/v1/keys", Map.of("algorithm", "EC_P256"));
      assertThat(generated.statusCode()).isEqualTo(201);
      PKCS10CertificationRequest csr =
          csr(ApiClient.json(generated.body()).get("certificationRequest").asString());
      assertThat(
              csr.isSignatureValid(
                  new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo())))
          .isTrue();

      server.clock().advance(Duration.ofMinutes(16));
      assertThat(
              client
                  .post(
                      "/api/v1/keys/" + keyId + "/sign",
                      Map.of("algorithm", "sha256-rsa", "data", b64(toBeSigned)))
                  .statusCode())
          .isEqualTo(401);

      answers = new ArrayList<>(client.answers());
      answers.remove(tokenAnswer);
      String token = client.token();
      assertThat(tokenAnswer.body()).contains(token);
      secrets.put("session token", token.getBytes(StandardCharsets.US_ASCII));
      secrets.put("session token bytes", Base64.getUrlDecoder().decode(token));
    } finally {
      server.close();
    }
    RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) pair.getPrivate();
    byte[] pkcs8 = privateKey.getEncoded();
    secrets.put("private key PKCS#8", pkcs8);
    secrets.put("private key PKCS#8 base64", b64(pkcs8).getBytes(StandardCharsets.US_ASCII));
    // A PEM line's worth of the base64 that lies wholly within the private exponent (the start of
    // the encoding is the public modulus, which certificates in answers carry too).
    int exponentAt = indexOf(pkcs8, unsigned(privateKey.getPrivateExponent()));
    int firstWholeGroup = (exponentAt + 2) / 3 * 4;
    secrets.put(
        "private key PKCS#8 base64 (64-column PEM line)",
        b64(pkcs8)
            .substring(firstWholeGroup, firstWholeGroup + 64)
            .getBytes(StandardCharsets.US_ASCII));
    secrets.put("private exponent", unsigned(privateKey.getPrivateExponent()));
    secrets.put(
        "private exponent hex",
        HexFormat.of()
            .formatHex(unsigned(privateKey.getPrivateExponent()))
            .getBytes(StandardCharsets.US_ASCII));
    secrets.put("prime p", unsigned(privateKey.getPrimeP()));
    secrets.put("access code", ACCESS_CODE.getBytes(StandardCharsets.UTF_8));
    secrets.put("PKCS#12 password", P12_PASSWORD.getBytes(StandardCharsets.UTF_8));

    Map<String, byte[]> places = new LinkedHashMap<>();
    places.put("log file", Files.readAllBytes(log));
    for (int i = 0; i < answers.size(); i++) {
      places.put(
          "API answer " + i + " (" + answers.get(i).uri().getPath() + ")",
          answers.get(i).body().getBytes(StandardCharsets.UTF_8));
    }
    places.put("database tables", dumpTables(server));
    if (product.equals("H2")) {
      places.put(
          "H2 database file", Files.readAllBytes(log.getParent().resolve("vault/vault.mv.db")));
    }
    places.put("key-use journal", journal(log.getParent().resolve("vault/key-use-journal")));

    // The scan finds a secret where one is: the unlock answer hands out the token by design.
    assertThat(
            contains(
                tokenAnswer.body().getBytes(StandardCharsets.UTF_8), secrets.get("session token")))
        .isTrue();
    assertThat(places.get("log file").length).isGreaterThan(1000);
    assertThat(places.get("database tables").length).isGreaterThan(1000);
    // The journal holds the key uses' events (and nothing secret): the scan reads real records.
    assertThat(
            contains(places.get("key-use journal"), "DECRYPT".getBytes(StandardCharsets.US_ASCII)))
        .isTrue();
    List<String> leaks = new ArrayList<>();
    secrets.forEach(
        (secret, needle) ->
            places.forEach(
                (place, haystack) -> {
                  if (contains(haystack, needle)) {
                    leaks.add(secret + " in " + place);
                  }
                }));
    assertThat(leaks).isEmpty();
  }

  /** Every row of every vault table, each column as its raw bytes or text. */
  /** Every segment of the server's key-use journal, one after the other. */
  private static byte[] journal(Path directory) throws java.io.IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try (var files = Files.list(directory)) {
      for (Path segment : files.filter(f -> f.toString().endsWith(".journal")).sorted().toList()) {
        all.writeBytes(Files.readAllBytes(segment));
      }
    }
    return all.toByteArray();
  }

  private static byte[] dumpTables(TestServer server) throws SQLException {
    ByteArrayOutputStream dump = new ByteArrayOutputStream();
    try (VaultDatabase db = server.openVault()) {
      db.inTransaction(
          c -> {
            for (String table : tables(c)) {
              try (Statement s = c.createStatement();
                  ResultSet r = s.executeQuery("SELECT * FROM " + table)) {
                int columns = r.getMetaData().getColumnCount();
                while (r.next()) {
                  for (int i = 1; i <= columns; i++) {
                    int type = r.getMetaData().getColumnType(i);
                    byte[] value =
                        type == Types.BINARY
                                || type == Types.VARBINARY
                                || type == Types.LONGVARBINARY
                                || type == Types.BLOB
                            ? r.getBytes(i)
                            : String.valueOf(r.getString(i)).getBytes(StandardCharsets.UTF_8);
                    if (value != null) {
                      dump.writeBytes(value);
                    }
                  }
                }
              }
            }
            return null;
          });
    }
    return dump.toByteArray();
  }

  private static List<String> tables(Connection c) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet r =
        c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
      while (r.next()) {
        tables.add(r.getString("TABLE_NAME"));
      }
    }
    assertThat(tables).isNotEmpty();
    return tables.stream().map(t -> "\"" + t + "\"").toList();
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static KeyPair rsaKeyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static X509Certificate selfSigned(KeyPair pair, String email) throws Exception {
    X500Name name = new X500Name("CN=Gus, E=" + email);
    Date now = new Date();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.valueOf(now.getTime()),
            new Date(now.getTime() - 3600_000L),
            new Date(now.getTime() + 365L * 86400_000L),
            name,
            pair.getPublic());
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
  }

  private static byte[] pkcs12(KeyPair pair, X509Certificate certificate) throws Exception {
    KeyStore p12 = KeyStore.getInstance("PKCS12");
    p12.load(null, null);
    p12.setKeyEntry(
        "gus", pair.getPrivate(), P12_PASSWORD.toCharArray(), new Certificate[] {certificate});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p12.store(out, P12_PASSWORD.toCharArray());
    return out.toByteArray();
  }

  private static PKCS10CertificationRequest csr(String pem) throws Exception {
    try (PEMParser parser = new PEMParser(new java.io.StringReader(pem))) {
      return (PKCS10CertificationRequest) parser.readObject();
    }
  }

  private static int indexOf(byte[] data, byte[] part) {
    outer:
    for (int i = 0; i <= data.length - part.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (data[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("the private exponent is not in its own PKCS#8 encoding");
  }
}
