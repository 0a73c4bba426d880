package org.keymail.authenticator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The CLI's PassKey: a software WebAuthn authenticator kept in one file (JSON, mode 0600) with its
 * own P-256 key (PKCS#8), credential id, signature counter, relying-party id and user handle. It
 * answers the same WebAuthn options a browser gets, so the vault verifies CLI and browser alike;
 * the vault knows it only by the {@link #AAGUID} it reports, never by this class. Each assertion
 * raises the counter and saves it (temporary file, then an atomic move) before the signature
 * leaves, so a copied file shows up as a counter that goes back.
 *
 * <p>Anyone who can read the file can present this PassKey; the access code is the second factor.
 * {@link #toString()} never shows the key.
 */
public final class SoftwarePassKey {

  /**
   * The authenticator model id (AAGUID) of keymail's software PassKey, {@code keymail-software} in
   * ASCII, written into every registration. The vault's {@code PassKeyKind} recognises software
   * PassKeys by the same value (its tests keep the two equal).
   */
  public static final String AAGUID = "keymail-software";

  private static final byte[] AAGUID_BYTES = AAGUID.getBytes(StandardCharsets.US_ASCII);

  private static final String FORMAT = "keymail-software-passkey-1";
  private static final int FLAG_USER_PRESENT = 0x01;
  private static final int FLAG_USER_VERIFIED = 0x04;
  private static final int FLAG_ATTESTED_CREDENTIAL = 0x40;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64URL_IN = Base64.getUrlDecoder();

  private final Path file;
  private final String rpId;
  private final byte[] credentialId;
  private final byte[] userHandle;
  private final SigningKey key;
  private long signCount;

  private SoftwarePassKey(
      Path file,
      String rpId,
      byte[] credentialId,
      byte[] userHandle,
      SigningKey key,
      long signCount) {
    this.file = file;
    this.rpId = rpId;
    this.credentialId = credentialId;
    this.userHandle = userHandle;
    this.key = key;
    this.signCount = signCount;
  }

  /**
   * Makes a new software PassKey for the creation options the vault sent ({@code
   * navigator.credentials.create} JSON), writes it to {@code file} (which must not exist yet) and
   * returns the registration response to send back.
   */
  public static String create(
      Path file, String creationOptionsJson, String origin, SecureRandom random)
      throws SoftwarePassKeyException {
    return create(
        file,
        creationOptionsJson,
        origin,
        random,
        credentialId -> {
          try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            return new KeyPairOnHolder(
                pair, new SigningKey(pair.getPrivate(), Optional.empty(), Optional.empty()));
          } catch (GeneralSecurityException e) {
            throw new SoftwarePassKeyException(
                "This Java has no P-256 ECDSA to make a PassKey with", e);
          }
        });
  }

  /**
   * Like {@link #create(Path, String, String, SecureRandom)}, but the private key is generated
   * inside {@code token} (non-extractable); the file keeps only its label.
   */
  public static String createOnToken(
      Path file,
      String creationOptionsJson,
      String origin,
      PassKeyToken token,
      Clock clock,
      SecureRandom random)
      throws SoftwarePassKeyException {
    return create(
        file,
        creationOptionsJson,
        origin,
        random,
        credentialId -> {
          String label = "keymail-passkey-" + B64URL.encodeToString(credentialId).substring(0, 16);
          KeyPair pair = token.generate(label, clock);
          return new KeyPairOnHolder(
              pair,
              new SigningKey(pair.getPrivate(), Optional.of(token.provider()), Optional.of(label)));
        });
  }

  /** Makes the key pair of a new PassKey, once its credential id is known. */
  private interface KeyMaker {
    KeyPairOnHolder make(byte[] credentialId) throws SoftwarePassKeyException;
  }

  private record KeyPairOnHolder(KeyPair pair, SigningKey key) {}

  /** The PassKey's private key, and where it lives: in the file, or in a token under a label. */
  private record SigningKey(
      PrivateKey key, Optional<Provider> provider, Optional<String> tokenLabel) {}

  private static String create(
      Path file, String creationOptionsJson, String origin, SecureRandom random, KeyMaker keys)
      throws SoftwarePassKeyException {
    JsonNode options = publicKey(creationOptionsJson);
    String rpId = text(options.path("rp"), "id");
    byte[] userHandle = B64URL_IN.decode(text(options.path("user"), "id"));
    byte[] challenge = B64URL_IN.decode(text(options, "challenge"));
    boolean es256 = false;
    for (JsonNode p : options.path("pubKeyCredParams")) {
      es256 |= p.path("alg").asInt() == -7;
    }
    if (!es256) {
      throw new SoftwarePassKeyException("The server does not accept ES256 PassKeys");
    }
    byte[] credentialId = new byte[32];
    random.nextBytes(credentialId);
    if (Files.exists(file)) {
      throw new SoftwarePassKeyException(
          file + " exists already; keymail does not overwrite a PassKey");
    }
    KeyPairOnHolder made = keys.make(credentialId);
    KeyPair pair = made.pair();
    SoftwarePassKey passKey =
        new SoftwarePassKey(file, rpId, credentialId, userHandle, made.key(), 0);
    passKey.save(FileMode.NEW);

    byte[] clientData = clientData("webauthn.create", challenge, origin);
    byte[] cose = coseKey((ECPublicKey) pair.getPublic());
    ByteBuffer authData =
        ByteBuffer.allocate(32 + 1 + 4 + 16 + 2 + credentialId.length + cose.length);
    authData.put(sha256(rpId.getBytes(StandardCharsets.UTF_8)));
    authData.put((byte) (FLAG_USER_PRESENT | FLAG_USER_VERIFIED | FLAG_ATTESTED_CREDENTIAL));
    authData.putInt(0);
    authData.put(AAGUID_BYTES);
    authData.putShort((short) credentialId.length);
    authData.put(credentialId);
    authData.put(cose);
    byte[] attestationObject =
        new Cbor()
            .map(3)
            .text("fmt")
            .text("none")
            .text("attStmt")
            .map(0)
            .text("authData")
            .bytes(authData.array())
            .toByteArray();

    ObjectNode response = JSON.createObjectNode();
    response.put("attestationObject", B64URL.encodeToString(attestationObject));
    response.put("clientDataJSON", B64URL.encodeToString(clientData));
    response.putArray("transports");
    return credential(credentialId, response);
  }

  /** Opens the software PassKey in {@code file}, whose key is in the file. */
  public static SoftwarePassKey load(Path file) throws SoftwarePassKeyException {
    return load(file, Optional.empty());
  }

  /** Opens the software PassKey in {@code file}, whose key is in {@code token}. */
  public static SoftwarePassKey load(Path file, PassKeyToken token)
      throws SoftwarePassKeyException {
    return load(file, Optional.of(token));
  }

  private static SoftwarePassKey load(Path file, Optional<PassKeyToken> token)
      throws SoftwarePassKeyException {
    try {
      JsonNode node = JSON.readTree(Files.readString(file));
      if (!FORMAT.equals(node.path("format").asText())) {
        throw new SoftwarePassKeyException(file + " is not a keymail software PassKey");
      }
      SigningKey key;
      if (node.has("pkcs11Label")) {
        String label = text(node, "pkcs11Label");
        if (token.isEmpty()) {
          throw new SoftwarePassKeyException(
              "The key of " + file + " is on a PKCS#11 token; open the token to use it");
        }
        key =
            new SigningKey(
                token.get().find(label), Optional.of(token.get().provider()), Optional.of(label));
      } else {
        PrivateKey privateKey =
            KeyFactory.getInstance("EC")
                .generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text(node, "privateKey"))));
        key = new SigningKey(privateKey, Optional.empty(), Optional.empty());
      }
      return new SoftwarePassKey(
          file,
          text(node, "rpId"),
          B64URL_IN.decode(text(node, "credentialId")),
          B64URL_IN.decode(text(node, "userHandle")),
          key,
          node.path("signCount").asLong());
    } catch (IOException e) {
      throw new SoftwarePassKeyException(
          "Cannot read the software PassKey " + file + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new SoftwarePassKeyException("The software PassKey " + file + " is damaged", e);
    }
  }

  /**
   * Answers the assertion options the vault sent ({@code navigator.credentials.get} JSON): raises
   * and saves the counter, then signs. Refuses options for another site or other PassKeys.
   */
  public String assertion(String requestOptionsJson, String origin)
      throws SoftwarePassKeyException {
    JsonNode options = publicKey(requestOptionsJson);
    if (!rpId.equals(options.path("rpId").asText(rpId))) {
      throw new SoftwarePassKeyException(
          "This PassKey belongs to " + rpId + ", not to " + options.path("rpId").asText());
    }
    JsonNode allowed = options.path("allowCredentials");
    if (allowed.isArray() && !allowed.isEmpty()) {
      boolean listed = false;
      for (JsonNode c : allowed) {
        listed |= Arrays.equals(credentialId, B64URL_IN.decode(c.path("id").asText()));
      }
      if (!listed) {
        throw new SoftwarePassKeyException("The server asked for another PassKey than this one");
      }
    }
    byte[] challenge = B64URL_IN.decode(text(options, "challenge"));
    advanceCounter();
    byte[] clientData = clientData("webauthn.get", challenge, origin);
    ByteBuffer authData = ByteBuffer.allocate(37);
    authData.put(sha256(rpId.getBytes(StandardCharsets.UTF_8)));
    authData.put((byte) (FLAG_USER_PRESENT | FLAG_USER_VERIFIED));
    authData.putInt((int) signCount);
    try {
      Signature signer =
          key.provider().isPresent()
              ? Signature.getInstance("SHA256withECDSA", key.provider().get())
              : Signature.getInstance("SHA256withECDSA");
      signer.initSign(key.key());
      signer.update(authData.array());
      signer.update(sha256(clientData));
      ObjectNode response = JSON.createObjectNode();
      response.put("authenticatorData", B64URL.encodeToString(authData.array()));
      response.put("clientDataJSON", B64URL.encodeToString(clientData));
      response.put("signature", B64URL.encodeToString(signer.sign()));
      response.put("userHandle", B64URL.encodeToString(userHandle));
      return credential(credentialId, response);
    } catch (GeneralSecurityException e) {
      throw new SoftwarePassKeyException("The software PassKey could not sign", e);
    }
  }

  /**
   * Raises the counter past both this object's and the file's value and saves it, holding a lock
   * file beside the PassKey: two commands using one PassKey at once then never send the same
   * counter, which the vault would take for a copied PassKey.
   */
  private void advanceCounter() throws SoftwarePassKeyException {
    Path lockFile = file.toAbsolutePath().resolveSibling(file.getFileName() + ".lock");
    try (FileChannel channel =
            FileChannel.open(
                lockFile,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        FileLock lock = channel.lock()) {
      long onDisk = JSON.readTree(Files.readString(file)).path("signCount").asLong();
      signCount = Math.max(signCount, onDisk) + 1;
      save(FileMode.REPLACE);
    } catch (IOException e) {
      throw new SoftwarePassKeyException(
          "Cannot update the software PassKey " + file + ": " + e.getMessage(), e);
    }
  }

  /** The counter the next assertion will exceed. */
  public long signCount() {
    return signCount;
  }

  @Override
  public String toString() {
    return "SoftwarePassKey[" + file + ", rp=" + rpId + ", key redacted]";
  }

  private enum FileMode {
    NEW,
    REPLACE
  }

  private void save(FileMode mode) throws SoftwarePassKeyException {
    ObjectNode node = JSON.createObjectNode();
    node.put("format", FORMAT);
    node.put("rpId", rpId);
    node.put("credentialId", B64URL.encodeToString(credentialId));
    node.put("userHandle", B64URL.encodeToString(userHandle));
    if (key.tokenLabel().isPresent()) {
      node.put("pkcs11Label", key.tokenLabel().get());
    } else {
      node.put("privateKey", Base64.getEncoder().encodeToString(key.key().getEncoded()));
    }
    node.put("signCount", signCount);
    Path target = file.toAbsolutePath();
    try {
      if (mode == FileMode.NEW && Files.exists(target)) {
        throw new SoftwarePassKeyException(
            file + " exists already; keymail does not overwrite a PassKey");
      }
      Path temp =
          Files.createTempFile(
              target.getParent(),
              ".passkey-",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.writeString(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        move(temp, target);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (FileAlreadyExistsException e) {
      throw new SoftwarePassKeyException(
          file + " exists already; keymail does not overwrite a PassKey", e);
    } catch (IOException e) {
      throw new SoftwarePassKeyException(
          "Cannot write the software PassKey " + file + ": " + e.getMessage(), e);
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String credential(byte[] credentialId, ObjectNode response) {
    ObjectNode credential = JSON.createObjectNode();
    credential.put("type", "public-key");
    credential.put("id", B64URL.encodeToString(credentialId));
    credential.put("rawId", B64URL.encodeToString(credentialId));
    credential.set("response", response);
    credential.putObject("clientExtensionResults");
    return credential.toString();
  }

  private static byte[] clientData(String type, byte[] challenge, String origin) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", type);
    node.put("challenge", B64URL.encodeToString(challenge));
    node.put("origin", Objects.requireNonNull(origin, "origin"));
    node.put("crossOrigin", false);
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** COSE_Key for ES256 (RFC 9053): kty EC2, alg -7, crv P-256, x, y. */
  private static byte[] coseKey(ECPublicKey key) {
    return new Cbor()
        .map(5)
        .integer(1)
        .integer(2)
        .integer(3)
        .integer(-7)
        .integer(-1)
        .integer(1)
        .integer(-2)
        .bytes(unsigned32(key.getW().getAffineX()))
        .integer(-3)
        .bytes(unsigned32(key.getW().getAffineY()))
        .toByteArray();
  }

  private static byte[] unsigned32(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }

  private static JsonNode publicKey(String optionsJson) throws SoftwarePassKeyException {
    try {
      JsonNode node = JSON.readTree(optionsJson);
      return node.has("publicKey") ? node.get("publicKey") : node;
    } catch (IOException e) {
      throw new SoftwarePassKeyException("The server's PassKey options are not JSON", e);
    }
  }

  private static String text(JsonNode node, String field) throws SoftwarePassKeyException {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new SoftwarePassKeyException("The PassKey options lack \"" + field + "\"");
    }
    return value.asText();
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
