package org.keymail.server.directory.ldap;

import com.unboundid.ldap.sdk.ResultCode;
import java.util.Optional;
import java.util.UUID;
import org.keymail.server.limits.DirectoryBindLimits;
import org.keymail.server.limits.TooManyRequestsException;
import org.keymail.vault.directory.DirectoryCredentials;
import org.keymail.vault.directory.DirectorySecret;

/**
 * Decides a simple bind to the directory: who the bind names ({@link DirectoryTree#addressOf}),
 * whether their directory credential's secret is the one sent (the vault, which audits every
 * refusal), within the limits on wrong binds ({@link DirectoryBindLimits}). An anonymous or
 * unauthenticated bind is refused: the directory is the organisation's.
 */
final class DirectoryBinds {

  /**
   * How a bind ended.
   *
   * @param user who is bound now, when it succeeded
   * @param result the LDAP result code
   * @param message the diagnostic message for the address book
   */
  record Outcome(Optional<UUID> user, ResultCode result, String message) {
    static Outcome refused(ResultCode result, String message) {
      return new Outcome(Optional.empty(), result, message);
    }
  }

  static final String ANONYMOUS =
      "Anonymous binds are refused: bind as mail=<your address>,<base DN> with the directory"
          + " credential from your keymail Dashboard.";
  static final String WRONG = "Wrong address or directory credential.";

  private final DirectoryTree tree;
  private final DirectoryCredentials credentials;
  private final DirectoryBindLimits limits;

  DirectoryBinds(DirectoryTree tree, DirectoryCredentials credentials, DirectoryBindLimits limits) {
    this.tree = tree;
    this.credentials = credentials;
    this.limits = limits;
  }

  /** Decides a simple bind of {@code name} with {@code password} from {@code clientAddress}. */
  Outcome simple(String name, byte[] password, String clientAddress) {
    if (name.isBlank() && password.length == 0) {
      return Outcome.refused(ResultCode.INAPPROPRIATE_AUTHENTICATION, ANONYMOUS);
    }
    if (password.length == 0) {
      // RFC 4513 §5.1.2: a name without a password is an unauthenticated bind, never a success.
      return Outcome.refused(ResultCode.UNWILLING_TO_PERFORM, ANONYMOUS);
    }
    Optional<String> address = tree.addressOf(name);
    String account = address.orElse(name.strip());
    try {
      limits.mayTry(clientAddress, account);
    } catch (TooManyRequestsException tooMany) {
      return Outcome.refused(ResultCode.BUSY, tooMany.getMessage());
    }
    Optional<UUID> user = credentials.bind(account, DirectorySecret.of(password), clientAddress);
    if (user.isEmpty()) {
      limits.refused(clientAddress, account);
      return Outcome.refused(ResultCode.INVALID_CREDENTIALS, WRONG);
    }
    return new Outcome(user, ResultCode.SUCCESS, null);
  }
}
