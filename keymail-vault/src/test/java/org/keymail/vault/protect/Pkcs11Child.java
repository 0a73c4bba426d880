package org.keymail.vault.protect;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A second vault instance for {@link Pkcs11KeyProtectorTest}: opens the test token with the PIN and
 * KEK label given and unwraps a data key, printing the result or the failure.
 *
 * <p>Arguments: pin, key label, wrapped data key (hex), AAD (hex).
 */
public final class Pkcs11Child {

  private Pkcs11Child() {}

  public static void main(String[] args) {
    HexFormat hex = HexFormat.of();
    try {
      Pkcs11KeyProtector protector =
          Pkcs11KeyProtector.open(
              SoftHsm.config(), args[0].toCharArray(), args[1], new SecureRandom());
      System.out.println("kek " + protector.kekId());
      System.out.println(
          "unwrapped "
              + hex.formatHex(protector.unwrap(hex.parseHex(args[2]), hex.parseHex(args[3]))));
    } catch (org.keymail.vault.VaultException e) {
      System.out.println("failed " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    System.out.flush();
  }
}
