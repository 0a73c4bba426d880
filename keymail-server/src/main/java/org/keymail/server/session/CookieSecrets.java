package org.keymail.server.session;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The half of a browser's credential the database never sees: a random secret that only the {@code
 * KEYMAIL_SESSION} cookie carries, beside the session id, and that seals the browser's unlock token
 * in its session row (AES-256-GCM). Someone who reads the database finds session ids and sealed
 * tokens and can use neither: without the cookie's secret the token does not open, and the session
 * is not signed in. A sign-in seals under a fresh secret, so the cookie changes with the session
 * id.
 */
public final class CookieSecrets {

  private static final String ATTRIBUTE = CookieSecrets.class.getName();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] PURPOSE =
      "keymail browser session: unlock token".getBytes(StandardCharsets.US_ASCII);
  private static final int NONCE_BYTES = 12;

  private CookieSecrets() {}

  /**
   * Seals {@code secret} (the unlock token's bytes) under a fresh cookie secret for {@code
   * sessionId}; the cookie written for that session at the end of this request carries it.
   */
  public static String seal(HttpServletRequest request, String sessionId, byte[] secret) {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    secrets(request).put(sessionId, key);
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      byte[] sealed = cipher(Cipher.ENCRYPT_MODE, key, nonce).doFinal(secret);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
    }
  }

  /**
   * What {@link #seal} sealed for {@code sessionId}, when this request's cookie brought the secret
   * it was sealed under; empty otherwise (no secret, another secret, or a row changed).
   */
  public static Optional<byte[]> unseal(
      HttpServletRequest request, String sessionId, String sealed) {
    byte[] key = secrets(request).get(sessionId);
    if (key == null) {
      return Optional.empty();
    }
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(sealed);
      if (bytes.length <= NONCE_BYTES) {
        return Optional.empty();
      }
      byte[] nonce = Arrays.copyOf(bytes, NONCE_BYTES);
      return Optional.of(
          cipher(Cipher.DECRYPT_MODE, key, nonce)
              .doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES));
    } catch (GeneralSecurityException | IllegalArgumentException notSealedUnderThisSecret) {
      return Optional.empty();
    }
  }

  /** Records the secret a cookie of this request brought for {@code sessionId}. */
  static void received(HttpServletRequest request, String sessionId, String secret) {
    try {
      byte[] key = Base64.getUrlDecoder().decode(secret);
      if (key.length == 32) {
        secrets(request).putIfAbsent(sessionId, key);
      }
    } catch (IllegalArgumentException notBase64) {
      // A cookie someone made up: no secret, so nothing sealed opens.
    }
  }

  /**
   * The secret to write into the cookie of {@code sessionId}: the one sealed or received in this
   * request, else a new one (a session that holds nothing sealed yet).
   */
  static String toWrite(HttpServletRequest request, String sessionId) {
    byte[] key =
        secrets(request)
            .computeIfAbsent(
                sessionId,
                id -> {
                  byte[] fresh = new byte[32];
                  RANDOM.nextBytes(fresh);
                  return fresh;
                });
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, byte[]> secrets(HttpServletRequest request) {
    Object known = request.getAttribute(ATTRIBUTE);
    if (known instanceof Map<?, ?> map) {
      return (Map<String, byte[]>) map;
    }
    Map<String, byte[]> secrets = new HashMap<>();
    request.setAttribute(ATTRIBUTE, secrets);
    return secrets;
  }

  private static Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    cipher.updateAAD(PURPOSE);
    return cipher;
  }
}
