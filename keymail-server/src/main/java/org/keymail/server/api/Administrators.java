package org.keymail.server.api;

import java.util.UUID;
import org.keymail.server.vault.PassKeySignIn;
import org.keymail.vault.user.Role;
import org.keymail.vault.user.User;
import org.keymail.vault.user.UserStatus;
import org.springframework.stereotype.Component;

/** Decides whether the signed-in user may use {@code /api/v1/admin/**}: an active ADMIN. */
@Component
class Administrators {

  private final PassKeySignIn people;

  Administrators(PassKeySignIn people) {
    this.people = people;
  }

  /**
   * The signed-in administrator's id.
   *
   * @throws NotAdministratorException when the signed-in user is no active administrator
   */
  UUID require() {
    UUID id = SignedIn.user().userId();
    User user = people.user(id).orElse(null);
    if (user == null || user.role() != Role.ADMIN || user.status() != UserStatus.ACTIVE) {
      throw new NotAdministratorException();
    }
    return id;
  }

  /** A signed-in user who is no administrator called an administrators' API. */
  static final class NotAdministratorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotAdministratorException() {
      super("Only an administrator may do this.");
    }
  }
}
