package org.keymail.server.limits;

import org.springframework.stereotype.Component;

/**
 * The limits on wrong binds to the directory over LDAP: from one client address at most {@link
 * LimitSettings#signInPerMinute()} a minute, for one account at most {@link
 * LimitSettings#signInPerAccountPerMinute()}, counted as sign-ins are. Only refused binds count,
 * since an address book binds again for every search it makes; once a bucket is empty, every bind
 * from that address or for that account is refused until it refills, the right secret too.
 */
@Component
public class DirectoryBindLimits {

  private final Buckets addresses;
  private final Buckets accounts;

  public DirectoryBindLimits(LimitSettings settings) {
    this.addresses =
        new Buckets("wrong directory binds from your address", settings.signInPerMinute());
    this.accounts =
        new Buckets("wrong directory binds for this account", settings.signInPerAccountPerMinute());
  }

  /**
   * Checks that {@code clientAddress} and {@code account} (a normalised address) may try a bind.
   *
   * @throws TooManyRequestsException when either has used up its wrong binds
   */
  public void mayTry(String clientAddress, String account) {
    addresses.ensureLeft(clientAddress);
    accounts.ensureLeft(account);
  }

  /** Counts one refused bind from {@code clientAddress} for {@code account}. */
  public void refused(String clientAddress, String account) {
    addresses.spend(clientAddress);
    accounts.spend(account);
  }
}
