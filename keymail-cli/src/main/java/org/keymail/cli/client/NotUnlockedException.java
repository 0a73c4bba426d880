package org.keymail.cli.client;

/** The command needs an unlock session and there is none on this computer for that server. */
public final class NotUnlockedException extends Exception {
  private static final long serialVersionUID = 1L;

  NotUnlockedException(String message) {
    super(message);
  }
}
