package org.keymail.smime.internal;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;

/**
 * Signature verifiers kept per thread, each already initialised with its public key: a reader sees
 * the same few signers again and again, and looking a {@code Signature} up in a provider and having
 * the fast provider translate the JDK's key object into its own for every message cost more than
 * the RSA-2048 verification itself. A {@code Signature} returns to its initialised state after each
 * {@code verify} (JCA), so it is used again as it is; one that threw is dropped.
 *
 * <p>The {@code Signature} comes from {@link CryptoProviders#signature(String)}: Amazon Corretto
 * Crypto Provider where it has the algorithm, else the JDK's providers. Only public keys are kept,
 * at most {@value #PER_THREAD} per thread.
 *
 * <p>Internal: not part of keymail's API.
 */
public final class VerifyingSignatures {

  /** Verifiers kept per thread; the oldest goes first. */
  static final int PER_THREAD = 8;

  private static final ThreadLocal<Kept> KEPT = ThreadLocal.withInitial(Kept::new);

  private VerifyingSignatures() {}

  /** What is signed, fed to a verifier. */
  @FunctionalInterface
  public interface SignedBytes {
    void feed(Signature verifier) throws SignatureException;
  }

  /**
   * Whether {@code signature[offset, offset + length)} is {@code key}'s signature with {@code
   * algorithm} (a JCA name) over what {@code signed} feeds.
   *
   * @throws GeneralSecurityException no provider has the algorithm, it does not take the key, or
   *     the signature value cannot be read; the caller decides another way
   */
  public static boolean verify(
      String algorithm, PublicKey key, SignedBytes signed, byte[] signature, int offset, int length)
      throws GeneralSecurityException {
    Kept kept = KEPT.get();
    int slot = kept.find(algorithm, key);
    Signature verifier;
    if (slot >= 0) {
      verifier = kept.verifiers[slot];
    } else {
      verifier = CryptoProviders.signature(algorithm);
      verifier.initVerify(key);
      slot = kept.add(algorithm, key, verifier);
    }
    try {
      signed.feed(verifier);
      return verifier.verify(signature, offset, length);
    } catch (GeneralSecurityException | RuntimeException e) {
      kept.drop(slot); // its state is unknown now
      throw e;
    }
  }

  /** One thread's verifiers. */
  private static final class Kept {
    final String[] algorithms = new String[PER_THREAD];
    final PublicKey[] keys = new PublicKey[PER_THREAD];
    final Signature[] verifiers = new Signature[PER_THREAD];
    int next;

    int find(String algorithm, PublicKey key) {
      for (int i = 0; i < PER_THREAD; i++) {
        PublicKey k = keys[i];
        if (k != null && (k == key || k.equals(key)) && algorithms[i].equals(algorithm)) {
          return i;
        }
      }
      return -1;
    }

    int add(String algorithm, PublicKey key, Signature verifier) {
      int slot = next;
      next = (next + 1) % PER_THREAD;
      algorithms[slot] = algorithm;
      keys[slot] = key;
      verifiers[slot] = verifier;
      return slot;
    }

    void drop(int slot) {
      algorithms[slot] = null;
      keys[slot] = null;
      verifiers[slot] = null;
    }
  }
}
