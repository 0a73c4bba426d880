package org.keymail.server.signin;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.keymail.server.ServerSettings;
import org.keymail.vault.VaultException;
import org.keymail.vault.user.ActivationCode;
import org.keymail.vault.user.AdministratorExistsException;
import org.keymail.vault.user.EmailAddressException;
import org.keymail.vault.user.Invitation;
import org.keymail.vault.user.User;
import org.keymail.vault.user.UserExistsException;
import org.keymail.vault.user.Users;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On every start, while no administrator has activated: creates the first administrator ({@code
 * --bootstrap-admin EMAIL}, else {@code keymail.first-admin}) or, when they are still waiting,
 * gives them a new one-time activation code and withdraws the earlier one. A code printed on a
 * console nobody read is then never lost, and one that scrolled past others' eyes stops working at
 * the next start. The server prints the code at the end of its start ({@code KeymailServer}); it is
 * never logged.
 *
 * <p>A start that names a first administrator although one has activated, or names an address
 * keymail refuses, is refused: {@link #refusal()} says why and the server stops again.
 */
@Component
public class FirstAdministrator implements ApplicationRunner {

  /**
   * The first administrator waiting to activate, and the code that works for them now.
   *
   * @param email their address
   * @param code the one-time activation code (its only copy)
   * @param expiresAt until when it works, unless a later start replaces it
   */
  public record WaitingCode(String email, ActivationCode code, Instant expiresAt) {
    public WaitingCode {
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }
  }

  private final Users users;
  private final ServerSettings settings;
  private volatile Optional<WaitingCode> code = Optional.empty();
  private volatile Optional<String> refusal = Optional.empty();

  public FirstAdministrator(Users users, ServerSettings settings) {
    this.users = users;
    this.settings = settings;
  }

  @Override
  public void run(ApplicationArguments arguments) throws VaultException {
    Optional<String> named = settings.bootstrapAdmin();
    try {
      Optional<Invitation> invitation =
          named.isPresent()
              ? Optional.of(users.bootstrapAdmin(named.get()))
              : users.firstAdministratorCode(settings.firstAdmin());
      if (invitation.isPresent()) {
        code = Optional.of(waiting(invitation.get()));
      }
    } catch (AdministratorExistsException exists) {
      refusal =
          Optional.of(
              "an administrator exists already ("
                  + exists.administrator()
                  + "); --bootstrap-admin is only for an empty server");
    } catch (EmailAddressException | UserExistsException address) {
      String setting = named.isPresent() ? "--bootstrap-admin" : "keymail.first-admin";
      refusal = Optional.of(setting + ": " + address.getMessage());
    }
  }

  /** The code to print at the end of this start; empty once an administrator has activated. */
  public Optional<WaitingCode> code() {
    return code;
  }

  /** Why this start cannot go on, when it cannot. */
  public Optional<String> refusal() {
    return refusal;
  }

  private WaitingCode waiting(Invitation invitation) throws VaultException {
    String email = users.user(invitation.userId()).map(User::email).orElseThrow();
    return new WaitingCode(email, invitation.code(), invitation.expiresAt());
  }
}
