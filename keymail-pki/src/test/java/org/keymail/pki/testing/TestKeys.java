package org.keymail.pki.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requesters' key pairs, generated once per JVM and name (RSA generation takes up to a second) and
 * handed out again: a test that needs two different keys asks for two names.
 */
public final class TestKeys {

  private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();

  private TestKeys() {}

  public static KeyPair ecP256(String name) {
    return get("EC", new ECGenParameterSpec("secp256r1"), "P-256 " + name);
  }

  public static KeyPair ecP384(String name) {
    return get("EC", new ECGenParameterSpec("secp384r1"), "P-384 " + name);
  }

  public static KeyPair ecP521(String name) {
    return get("EC", new ECGenParameterSpec("secp521r1"), "P-521 " + name);
  }

  public static KeyPair rsa(int bits, String name) {
    return get(
        "RSA", new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), bits + " " + name);
  }

  private static KeyPair get(String algorithm, AlgorithmParameterSpec spec, String name) {
    return KEYS.computeIfAbsent(
        algorithm + " " + name,
        k -> {
          try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(spec);
            return generator.generateKeyPair();
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
