package org.keymail.smime.select;

import java.util.List;
import java.util.stream.Collectors;
import org.keymail.smime.SmimeException;

/**
 * None of a user's certificates can be used for what was asked: the message lists each certificate
 * with the reason it was rejected, so the user knows whether to renew, request or import one.
 */
public final class NoUsableCertificateException extends SmimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Rejection> rejected;

  NoUsableCertificateException(Purpose purpose, String sendingAddress, List<Rejection> rejected) {
    super(message(purpose, sendingAddress, rejected));
    this.rejected = List.copyOf(rejected);
  }

  /** Every candidate with the reason it could not be used. */
  public List<Rejection> rejected() {
    return rejected;
  }

  private static String message(Purpose purpose, String sendingAddress, List<Rejection> rejected) {
    String head = "no certificate is usable for " + purpose.words() + " as " + sendingAddress;
    if (rejected.isEmpty()) {
      return head + ": there are no certificates to choose from";
    }
    return head
        + ": "
        + rejected.stream().map(Rejection::describe).collect(Collectors.joining("; "));
  }
}
