package org.keymail.cli.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.keymail.cli.CliFailure;

/**
 * The messages of the demo's first run, sent with {@code keymail mail send} as alice and bob would
 * send them: each signed with the sender's key in the vault, one also encrypted, with an
 * attachment.
 */
final class DemoMessages {

  /** The subject of the signed and encrypted message, which the demo's hints open. */
  static final String ENCRYPTED_SUBJECT = "The plans for Thursday";

  /** The file attached to the encrypted message (also left in the demo's files to try). */
  static final String ATTACHMENT = "agenda.txt";

  private final Path files;
  private final PersonAtTerminal alice;
  private final PersonAtTerminal bob;

  DemoMessages(Path files, PersonAtTerminal alice, PersonAtTerminal bob) {
    this.files = files;
    this.alice = alice;
    this.bob = bob;
  }

  /** Sends the three messages, in order, and says so on {@code progress}. */
  void send(PrintStream progress) throws CliFailure {
    Path agenda = attachment();
    alice.withInput(
        "Hi Bob,\n\n"
            + "this message is signed with my key in keymail's vault: your keymail shows who"
            + " signed it, and that nobody changed it on the way.\n\nAlice\n",
        "mail",
        "send",
        "--to",
        DemoPerson.BOB.email(),
        "--subject",
        "Welcome to keymail",
        "--sign",
        "--no-encrypt");
    alice.withInput(
        "Bob,\n\n"
            + "the agenda for Thursday is attached. This message is signed and encrypted: only you"
            + " (and I, from my Sent folder) can read it.\n\nAlice\n",
        "mail",
        "send",
        "--to",
        DemoPerson.BOB.email(),
        "--subject",
        ENCRYPTED_SUBJECT,
        "--attach",
        agenda.toString(),
        "--sign",
        "--encrypt");
    bob.withInput(
        "Alice,\n\nthanks, I will be there at nine.\n\nBob\n",
        "mail",
        "send",
        "--to",
        DemoPerson.ALICE.email(),
        "--subject",
        "Re: " + ENCRYPTED_SUBJECT,
        "--sign",
        "--no-encrypt");
    progress.println(
        "  3 messages: alice to bob signed; alice to bob signed and encrypted, with "
            + ATTACHMENT
            + "; bob to alice signed");
    progress.flush();
  }

  private Path attachment() throws CliFailure {
    Path agenda = files.resolve(ATTACHMENT);
    try {
      Files.createDirectories(files);
      return Files.writeString(
          agenda,
          "Thursday, 9:00\n"
              + "1. Welcome\n"
              + "2. Secure mail without passwords: PassKeys and access codes\n"
              + "3. Questions\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliFailure("cannot write " + agenda + ": " + e.getMessage(), e);
    }
  }
}
