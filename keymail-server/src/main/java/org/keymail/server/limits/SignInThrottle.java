package org.keymail.server.limits;

import org.springframework.stereotype.Component;

/**
 * The per-account limit on sign-in starts: however many addresses an attacker uses, one account's
 * PassKey prompt is started at most {@link LimitSettings#signInPerAccountPerMinute()} times a
 * minute. Known and unknown addresses are counted alike, so the limit tells nothing about which
 * accounts exist.
 */
@Component
public class SignInThrottle {

  private final Buckets accounts;

  public SignInThrottle(LimitSettings settings) {
    this.accounts =
        new Buckets("sign-in attempts for this account", settings.signInPerAccountPerMinute());
  }

  /**
   * Counts one sign-in start for {@code account} (its normalised address).
   *
   * @throws TooManyRequestsException over the limit
   */
  public void start(String account) {
    accounts.take(account);
  }
}
