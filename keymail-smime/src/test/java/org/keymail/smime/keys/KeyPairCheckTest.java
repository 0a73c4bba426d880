package org.keymail.smime.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;

/**
 * A private key belongs to its certificate's key and to no other: by a signature where the key can
 * sign, by key agreement for X25519 and X448 (RFC 8410), and never across key types.
 */
class KeyPairCheckTest {

  private static TestPki pki;

  @BeforeAll
  static void pki() {
    pki = TestPki.create();
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyType.class,
      names = {"RSA_2048", "EC_P256", "EC_P384", "ED25519", "ED448", "X25519", "X448"})
  void aKeyBelongsToItsOwnCertificateOnly(KeyType type) {
    String name = type.name().toLowerCase(Locale.ROOT);
    Identity owner = pki.user(name + "@example.org", type);
    Identity other = pki.user("other-" + name + "@example.org", type);

    assertThat(KeyPairCheck.belongTogether(owner.privateKey(), owner.certificate().getPublicKey()))
        .isTrue();
    assertThat(KeyPairCheck.belongTogether(owner.privateKey(), other.certificate().getPublicKey()))
        .isFalse();
  }

  @Test
  void keysOfAnotherTypeNeverBelong() {
    Identity rsa = pki.user("rsa@example.org", KeyType.RSA_2048);
    Identity ec = pki.user("ec@example.org", KeyType.EC_P256);
    Identity x25519 = pki.user("x25519@example.org", KeyType.X25519);

    assertThat(KeyPairCheck.belongTogether(ec.privateKey(), rsa.certificate().getPublicKey()))
        .isFalse();
    assertThat(KeyPairCheck.belongTogether(rsa.privateKey(), ec.certificate().getPublicKey()))
        .isFalse();
    assertThat(KeyPairCheck.belongTogether(ec.privateKey(), x25519.certificate().getPublicKey()))
        .isFalse();
  }
}
