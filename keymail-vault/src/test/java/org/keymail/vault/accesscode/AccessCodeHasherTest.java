package org.keymail.vault.accesscode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** Pure computation, no database: runs once rather than on H2 and PostgreSQL. */
class AccessCodeHasherTest {

  private final AccessCodeHasher cheap =
      new AccessCodeHasher(new Argon2idParameters(1024, 1, 1), new SecureRandom());

  @Test
  void productionHashCarriesStrongParametersAndAFreshSalt() {
    AccessCodeHasher production =
        new AccessCodeHasher(Argon2idParameters.PRODUCTION, new SecureRandom());

    String hash = production.hash("Secret-123".toCharArray());

    assertThat(hash)
        .matches("\\$argon2id\\$v=19\\$m=65536,t=3,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(production.matches("Secret-123".toCharArray(), hash)).isTrue();
  }

  @Test
  void codesAreCaseSensitiveAndSaltedPerCode() {
    String first = cheap.hash("Secret-123".toCharArray());
    String second = cheap.hash("Secret-123".toCharArray());

    assertThat(first).isNotEqualTo(second);
    assertThat(cheap.matches("Secret-123".toCharArray(), second)).isTrue();
    assertThat(cheap.matches("secret-123".toCharArray(), first)).isFalse();
  }

  @Test
  void shortCodeIsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> AccessCodePolicy.DEFAULT.check("12345".toCharArray()))
        .isInstanceOf(AccessCodeTooShortException.class)
        .hasMessage("An access code needs at least 6 characters");
  }

  @Test
  void malformedStoredHashIsNotTakenForAMatch() {
    assertThatThrownBy(() -> cheap.matches("Secret-123".toCharArray(), "$2b$10$bcrypt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not an Argon2id access-code hash");
  }
}
