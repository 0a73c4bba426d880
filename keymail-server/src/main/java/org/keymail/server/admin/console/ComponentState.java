package org.keymail.server.admin.console;

/**
 * One part of the running system as the system page shows it: its name, its state in a sentence,
 * and whether that state is well, a problem, or the part not used here.
 */
record ComponentState(String name, String state, Health health) {

  /** How the state reads at a glance. */
  enum Health {
    WORKING,
    PROBLEM,
    NOT_USED
  }

  static ComponentState working(String name, String state) {
    return new ComponentState(name, state, Health.WORKING);
  }

  static ComponentState problem(String name, String state) {
    return new ComponentState(name, state, Health.PROBLEM);
  }

  static ComponentState notUsed(String name, String state) {
    return new ComponentState(name, state, Health.NOT_USED);
  }
}
