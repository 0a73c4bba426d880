package org.keymail.cli.vault;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.pki.store.StorageUnavailableException;
import org.keymail.vault.audit.AuditEntry;
import org.keymail.vault.audit.AuditFilter;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.audit.BrokenLink;
import org.keymail.vault.keyuse.KeyUseJournal;
import org.keymail.vault.store.VaultDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code keymail vault verify-audit}: walks the hash chain of the audit log from its first event
 * and reports the first event that was changed, removed or moved, so an administrator knows from
 * where on the log cannot be trusted. Works on the data folder of a stopped server.
 */
@Command(
    name = "verify-audit",
    description = {
      "Check the audit log's hash chain. Works on the data folder of a stopped server. Exit"
          + " status 0: intact; 4: broken, with the first broken event's number."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  keymail vault verify-audit --data /var/lib/keymail"})
public final class VerifyAuditCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private VaultLocation location;

  VerifyAuditCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    try {
      return verify();
    } catch (StorageUnavailableException e) {
      throw location.failed(e);
    }
  }

  private int verify() throws CliFailure {
    try (KeyUseJournal.Lock stopped = location.requireStoppedServer();
        VaultDatabase database = location.open(terminal)) {
      AuditLog log = new AuditLog(database, Clock.systemUTC());
      Optional<BrokenLink> broken = log.verify();
      if (broken.isPresent()) {
        terminal
            .out()
            .println(
                "audit log broken at event " + broken.get().seq() + ": " + broken.get().reason());
        terminal.out().flush();
        return ExitCodes.INVALID;
      }
      terminal.out().println(intact(log));
      terminal.out().flush();
      return ExitCodes.OK;
    }
  }

  private static String intact(AuditLog log) {
    List<AuditEntry> newest = log.events(AuditFilter.newest().limitedTo(1));
    if (newest.isEmpty()) {
      return "audit log intact: 0 events";
    }
    // The chain was just checked to run 1, 2, ... without gaps: the newest number is the count.
    AuditEntry last = newest.get(0);
    long events = log.eventCount();
    String count =
        events == last.seq()
            ? events + (events == 1 ? " event" : " events")
            // Key uses shipped together are one row that counts them.
            : events + " events in " + last.seq() + " entries";
    return "audit log intact: " + count + ", last at " + last.at().truncatedTo(ChronoUnit.SECONDS);
  }
}
