package org.keymail.authenticator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The software PassKey on its own, against the WebAuthn options a relying party sends (W3C WebAuthn
 * Level 3, §5.1.3 create and §5.1.4 get): what it writes, what it answers and what it refuses. The
 * vault's tests run it through a real relying party.
 */
class SoftwarePassKeyTest {

  private static final String ORIGIN = "https://localhost:8443";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64URL_IN = Base64.getUrlDecoder();

  @TempDir Path folder;
  private final SecureRandom random = new SecureRandom();

  @Test
  void registrationNamesKeymailsSoftwareAuthenticatorAndKeepsTheFilePrivate() throws Exception {
    Path file = folder.resolve("ann.passkey");

    JsonNode credential = JSON.readTree(SoftwarePassKey.create(file, creation(-7), ORIGIN, random));

    byte[] attestation = B64URL_IN.decode(credential.at("/response/attestationObject").asText());
    byte[] aaguid = SoftwarePassKey.AAGUID.getBytes(StandardCharsets.US_ASCII);
    // Bytes as Latin-1 text, one character each, to find where authData starts.
    int at =
        new String(attestation, StandardCharsets.ISO_8859_1)
            .indexOf(
                new String(
                    sha256("localhost".getBytes(StandardCharsets.US_ASCII)),
                    StandardCharsets.ISO_8859_1));
    assertThat(at).isPositive();
    // authData: rpIdHash (32), flags (1), counter (4), then the attested credential's AAGUID.
    assertThat(java.util.Arrays.copyOfRange(attestation, at + 37, at + 53)).isEqualTo(aaguid);
    assertThat(JSON.readTree(Files.readString(file)).path("signCount").asLong()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void anExistingPassKeyIsNeverOverwritten() throws Exception {
    Path file = folder.resolve("ann.passkey");
    SoftwarePassKey.create(file, creation(-7), ORIGIN, random);
    String before = Files.readString(file);

    assertThatThrownBy(() -> SoftwarePassKey.create(file, creation(-7), ORIGIN, random))
        .isInstanceOf(SoftwarePassKeyException.class)
        .hasMessage(file + " exists already; keymail does not overwrite a PassKey");
    assertThat(Files.readString(file)).isEqualTo(before);
  }

  @Test
  void aServerThatTakesNoEs256IsRefused() {
    assertThatThrownBy(
            () ->
                SoftwarePassKey.create(folder.resolve("x.passkey"), creation(-257), ORIGIN, random))
        .isInstanceOf(SoftwarePassKeyException.class)
        .hasMessage("The server does not accept ES256 PassKeys");
    assertThat(folder.resolve("x.passkey")).doesNotExist();
  }

  @Test
  void eachAssertionRaisesTheSavedCounterBeforeItSigns() throws Exception {
    Path file = folder.resolve("ann.passkey");
    SoftwarePassKey.create(file, creation(-7), ORIGIN, random);
    SoftwarePassKey passKey = SoftwarePassKey.load(file);

    JsonNode first = JSON.readTree(passKey.assertion(request("localhost"), ORIGIN));
    JsonNode second =
        JSON.readTree(SoftwarePassKey.load(file).assertion(request("localhost"), ORIGIN));

    assertThat(counter(first)).isEqualTo(1);
    assertThat(counter(second)).isEqualTo(2);
    assertThat(SoftwarePassKey.load(file).signCount()).isEqualTo(2);
    assertThat(passKey.toString()).contains("key redacted").doesNotContain("privateKey");
  }

  @Test
  void optionsOfAnotherSiteAreRefused() throws Exception {
    Path file = folder.resolve("ann.passkey");
    SoftwarePassKey.create(file, creation(-7), ORIGIN, random);

    assertThatThrownBy(() -> SoftwarePassKey.load(file).assertion(request("example.org"), ORIGIN))
        .isInstanceOf(SoftwarePassKeyException.class)
        .hasMessage("This PassKey belongs to localhost, not to example.org");
    assertThat(SoftwarePassKey.load(file).signCount()).isZero();
  }

  private String creation(int algorithm) {
    var options = JSON.createObjectNode();
    var publicKey = options.putObject("publicKey");
    publicKey.putObject("rp").put("id", "localhost").put("name", "keymail");
    publicKey
        .putObject("user")
        .put("id", B64URL.encodeToString(bytes(16)))
        .put("name", "ann@example.org")
        .put("displayName", "Ann Lee");
    publicKey.put("challenge", B64URL.encodeToString(bytes(32)));
    publicKey
        .putArray("pubKeyCredParams")
        .addObject()
        .put("type", "public-key")
        .put("alg", algorithm);
    return options.toString();
  }

  private String request(String rpId) {
    var options = JSON.createObjectNode();
    options
        .putObject("publicKey")
        .put("rpId", rpId)
        .put("challenge", B64URL.encodeToString(bytes(32)));
    return options.toString();
  }

  private static long counter(JsonNode assertion) {
    byte[] authenticatorData =
        B64URL_IN.decode(assertion.at("/response/authenticatorData").asText());
    return ByteBuffer.wrap(authenticatorData, 33, 4).getInt();
  }

  private byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] sha256(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }
}
