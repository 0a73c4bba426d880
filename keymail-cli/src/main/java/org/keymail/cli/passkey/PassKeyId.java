package org.keymail.cli.passkey;

import java.util.UUID;
import org.keymail.cli.CliFailure;

/** A PassKey's id as typed on the command line, as {@code keymail passkey list} shows it. */
final class PassKeyId {

  private PassKeyId() {}

  static UUID parse(String typed) throws CliFailure {
    try {
      return UUID.fromString(typed.strip());
    } catch (IllegalArgumentException e) {
      throw new CliFailure("'" + typed + "' is not a PassKey id (see 'keymail passkey list')", e);
    }
  }
}
