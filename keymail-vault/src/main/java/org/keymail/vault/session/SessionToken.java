package org.keymail.vault.session;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The secret a client holds for an unlock session. The vault stores only its SHA-256; this type
 * never shows the secret in {@link #toString()}, logs or exceptions.
 */
public final class SessionToken {

  private final byte[] secret;
  private volatile SessionId id;

  private SessionToken(byte[] secret) {
    this.secret = secret.clone();
  }

  /** A token from its wire form (base64url, as handed to the client). */
  public static SessionToken parse(String wire) {
    Objects.requireNonNull(wire, "wire");
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(wire.trim());
      if (bytes.length != 32) {
        throw new IllegalArgumentException("a session token is 32 bytes");
      }
      return new SessionToken(bytes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a keymail session token");
    }
  }

  public static SessionToken of(byte[] secret) {
    if (secret.length != 32) {
      throw new IllegalArgumentException("a session token is 32 bytes");
    }
    return new SessionToken(secret);
  }

  /** The wire form, to hand to the client once. */
  public String reveal() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  /** This token's session id, hashed on first use. */
  SessionId id() {
    SessionId known = id;
    if (known == null) {
      known = SessionId.hashOf(this);
      id = known;
    }
    return known;
  }

  /** The secret bytes (for hashing); a copy. */
  public byte[] bytes() {
    return secret.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionToken t && java.security.MessageDigest.isEqual(secret, t.secret);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(secret);
  }

  @Override
  public String toString() {
    return "SessionToken[redacted]";
  }
}
