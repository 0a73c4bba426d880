package org.keymail.cli.demo;

import java.util.List;

/**
 * One person of the demo organisation: who they are, and the name of their folder in the demo
 * folder (their {@code KEYMAIL_HOME}: software PassKey, session, the server's pinned CA).
 *
 * @param name their folder's name and the local part of their address
 * @param displayName the name the organisation knows them by
 * @param email their address in the demo's domain
 */
record DemoPerson(String name, String displayName, String email) {

  /**
   * The demo's mail domain: {@code .test} is reserved for testing (RFC 2606), so the addresses are
   * nobody's, and the embedded mail server delivers to any domain.
   */
  static final String DOMAIN = "demo.keymail.test";

  /** The first administrator, who invites the others. */
  static final DemoPerson ADMIN = of("admin", "Demo Administrator");

  static final DemoPerson ALICE = of("alice", "Alice");

  static final DemoPerson BOB = of("bob", "Bob");

  /**
   * The person trying the demo in a browser: invited as an administrator (so the admin console is
   * theirs to see too), activated with their own security key or platform passkey, which the demo
   * cannot make for them.
   */
  static final DemoPerson YOU = of("you", "You");

  /** The people with a software PassKey the demo makes, in the order it makes them. */
  static final List<DemoPerson> WITH_SOFTWARE_PASSKEYS = List.of(ADMIN, ALICE, BOB);

  private static DemoPerson of(String name, String displayName) {
    return new DemoPerson(name, displayName, name + "@" + DOMAIN);
  }
}
