package org.keymail.pki.authority;

import java.util.Locale;

/**
 * The key types keymail's CA keys may have: ec-p384 or rsa-4096 for the root, ec-p256 or rsa-3072
 * for the issuing CA (the settings take either spelling, {@code ec-p384} or {@code EC_P384}).
 */
public enum CaKeyAlgorithm {
  EC_P256,
  EC_P384,
  RSA_3072,
  RSA_4096;

  /** How people write it, as every key type in keymail: {@code ec-p384}, {@code rsa-4096}. */
  public String displayName() {
    return name().toLowerCase(Locale.ROOT).replace("_", "-");
  }
}
