package org.keymail.vault.session;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Names an unlock session in memory and in the database without being its secret: the SHA-256 of
 * its token, as stored in {@code unlock_sessions.token_hash}. Knowing it opens nothing.
 */
public final class SessionId implements Comparable<SessionId> {

  private final byte[] hash;
  private final int hashCode;

  private SessionId(byte[] hash) {
    this.hash = hash;
    this.hashCode = Arrays.hashCode(hash);
  }

  /**
   * The id of {@code token}'s session (worked out once per token: key uses ask for it each time).
   */
  public static SessionId of(SessionToken token) {
    Objects.requireNonNull(token, "token");
    return token.id();
  }

  /** The SHA-256 of {@code token}'s secret. */
  static SessionId hashOf(SessionToken token) {
    byte[] secret = token.bytes();
    try {
      return new SessionId(MessageDigest.getInstance("SHA-256").digest(secret));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** The id stored as {@code token_hash} (and in the key-use journal). */
  public static SessionId ofHash(byte[] tokenHash) {
    if (tokenHash.length != 32) {
      throw new IllegalArgumentException("a session id is a SHA-256 hash");
    }
    return new SessionId(tokenHash.clone());
  }

  /** As stored in {@code token_hash}; a copy. */
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionId other && Arrays.equals(hash, other.hash);
  }

  @Override
  public int hashCode() {
    return hashCode;
  }

  /** Byte order, so that rows are always locked in the same order. */
  @Override
  public int compareTo(SessionId other) {
    return Arrays.compareUnsigned(hash, other.hash);
  }

  @Override
  public String toString() {
    return "SessionId[" + HexFormat.of().formatHex(hash, 0, 4) + "…]";
  }
}
