package org.keymail.vault.accesscode;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashes access codes with Argon2id (Bouncy Castle) and a fresh 16-byte salt per code, in the usual
 * PHC encoding {@code $argon2id$v=19$m=65536,t=3,p=1$<salt>$<hash>}. Checks compare in constant
 * time and use the parameters stored in the hash, so old hashes stay valid when the cost is raised.
 * The hasher never keeps or logs a code; callers wipe their arrays.
 */
public final class AccessCodeHasher {

  private static final int SALT_LENGTH = 16;
  private static final int HASH_LENGTH = 32;
  private static final Pattern ENCODED =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

  private final Argon2idParameters parameters;
  private final SecureRandom random;

  public AccessCodeHasher(Argon2idParameters parameters, SecureRandom random) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The encoded Argon2id hash of {@code code} under a new random salt. */
  public String hash(char[] code) {
    byte[] salt = new byte[SALT_LENGTH];
    random.nextBytes(salt);
    byte[] hash = derive(code, salt, parameters, HASH_LENGTH);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$argon2id$v=19$m="
        + parameters.memoryKiB()
        + ",t="
        + parameters.iterations()
        + ",p="
        + parameters.parallelism()
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(hash);
  }

  /** Whether {@code code} is the one {@code encoded} was made from. */
  public boolean matches(char[] code, String encoded) {
    Matcher m = ENCODED.matcher(encoded);
    if (!m.matches()) {
      throw new IllegalArgumentException("not an Argon2id access-code hash");
    }
    Argon2idParameters stored =
        new Argon2idParameters(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)));
    byte[] salt = Base64.getDecoder().decode(m.group(4));
    byte[] expected = Base64.getDecoder().decode(m.group(5));
    byte[] actual = derive(code, salt, stored, expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] derive(char[] code, byte[] salt, Argon2idParameters p, int length) {
    Argon2Parameters params =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(p.memoryKiB())
            .withIterations(p.iterations())
            .withParallelism(p.parallelism())
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] utf8 = utf8(code);
    try {
      byte[] out = new byte[length];
      generator.generateBytes(utf8, out);
      return out;
    } finally {
      Arrays.fill(utf8, (byte) 0);
    }
  }

  /** UTF-8 bytes of the code without going through an immutable String. */
  private static byte[] utf8(char[] code) {
    ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(code));
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    if (buffer.hasArray()) {
      Arrays.fill(buffer.array(), (byte) 0);
    }
    return bytes;
  }
}
