package org.keymail.server.vault;

import org.keymail.vault.session.UnlockSessions;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Once a minute, drops what this node keeps in memory for unlock sessions whose idle or absolute
 * time has passed, or that were ended on another node (a browser signed out there), whose PassKey
 * was revoked or whose user was disabled — above all their decrypted keys — even when no request
 * arrives to do it.
 */
final class LapsedSessionSweep {

  private final UnlockSessions sessions;

  LapsedSessionSweep(UnlockSessions sessions) {
    this.sessions = sessions;
  }

  @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1M")
  void sweep() {
    sessions.forgetClosed();
  }
}
