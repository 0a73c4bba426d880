package org.keymail.vault.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.vault.audit.Administrator;

/**
 * The directory's people: only active users, found by a piece of their address or name in any case
 * (a whole address also in its Unicode form), by address, a page at a time; LIKE's wildcards are
 * plain characters in what people type.
 */
class ActiveUsersTest {

  private static final String CODE = "Secret-123";
  private static final Administrator ADMIN =
      new Administrator(UUID.randomUUID(), UUID.randomUUID(), "192.0.2.9");

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void onlyActiveUsersAreFoundByAddressOrNameInAddressOrderAPageAtATime(String product)
      throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      vault.member("carol@example.org", CODE);
      vault.member("ann@bücher.example", CODE);
      vault.member("dan_o@example.org", CODE);
      TestVault.Member eve = vault.member("eve@example.org", CODE);
      vault.users.disable(eve.user().userId(), ADMIN);
      vault.users.invite("bob@example.org", "Bob Builder", Role.USER);
      ActiveUsers users = new ActiveUsers(vault.database);

      assertThat(users.matching(" ", Optional.empty(), 10))
          .extracting(User::email)
          .containsExactly("ann@xn--bcher-kva.example", "carol@example.org", "dan_o@example.org");
      assertThat(users.matching(null, Optional.empty(), 10)).hasSize(3);
      assertThat(users.matching("CAROL", Optional.empty(), 10))
          .extracting(User::email, User::displayName, User::status)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "carol@example.org", "Test carol@example.org", UserStatus.ACTIVE));
      assertThat(users.matching("Ann@BÜCHER.example", Optional.empty(), 10))
          .extracting(User::email)
          .containsExactly("ann@xn--bcher-kva.example");
      assertThat(users.matching("_", Optional.empty(), 10))
          .extracting(User::email)
          .containsExactly("dan_o@example.org");
      assertThat(users.matching("%", Optional.empty(), 10)).isEmpty();
      assertThat(users.matching("bob", Optional.empty(), 10)).isEmpty();
      assertThat(users.matching("eve", Optional.empty(), 10)).isEmpty();

      assertThat(users.matching("example", Optional.empty(), 2))
          .extracting(User::email)
          .containsExactly("ann@xn--bcher-kva.example", "carol@example.org");
      assertThat(users.matching("example", Optional.of("carol@example.org"), 2))
          .extracting(User::email)
          .containsExactly("dan_o@example.org");
      assertThatThrownBy(() -> users.matching("", Optional.empty(), 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a page holds at least one user, not 0");
    }
  }
}
