package org.keymail.cli.demo;

import static org.keymail.cli.SuggestedCommands.quoted;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.keymail.cli.SuggestedCommands;

/**
 * The block the demo ends its start with, once everything is up: where it is, the access codes (on
 * the first run only, the one time they are shown), how the person at the browser gets in with
 * their own security key or platform passkey, commands to try as alice, bob and the administrator,
 * and how to stop.
 *
 * @param url the server's base address, {@code https://localhost:PORT/}
 * @param folder the demo folder, as the person named it
 * @param startedIn how long the command took to get here
 * @param founded the access codes and your invitation, on the first run only
 * @param youActivated whether you (the browser's person) have registered a passkey already
 * @param encryptedUid the UID of the signed and encrypted message in bob's inbox, when it is there
 */
record ReadyReport(
    URI url,
    DemoFolder folder,
    Duration startedIn,
    Optional<OrganisationSetup.Founded> founded,
    boolean youActivated,
    OptionalLong encryptedUid) {

  void print(PrintStream out) {
    String base = withoutSlash(url);
    out.println();
    // The same in every locale: scripts and tests wait for this line.
    out.printf(
        Locale.ROOT,
        "keymail demo ready in %.1f s: %s (Ctrl-C stops it)%n",
        startedIn.toMillis() / 1000.0,
        url);
    accessCodes(out);
    browser(out, base);
    commandLine(out);
    out.println();
    out.println(
        "Ctrl-C stops the demo; '"
            + again()
            + "' starts it again as it is (its messages too), '"
            + again()
            + " --reset' starts anew.");
    out.flush();
  }

  private void accessCodes(PrintStream out) {
    out.println();
    if (founded.isEmpty()) {
      out.println(
          "Access codes: the ones shown at the demo's first run (keymail keeps only their hashes;"
              + " lost them? '"
              + again()
              + " --reset' makes a new organisation).");
      return;
    }
    out.println(
        "Access codes, shown this once: keymail keeps only their hashes, so note them (or start"
            + " anew with '"
            + again()
            + " --reset'):");
    for (Map.Entry<DemoPerson, DemoAccessCode> code : founded.get().accessCodes().entrySet()) {
      out.printf("  %-24s %s%n", code.getKey().email(), code.getValue().reveal());
    }
  }

  private void browser(PrintStream out, String base) {
    out.println();
    out.println(
        "In a browser on this computer, with a security key or the computer's or phone's own"
            + " passkey:");
    out.println(
        "  - first make the browser trust the demo's root CA, "
            + quoted(OrganisationSetup.rootCertificate(folder))
            + ": browsers refuse passkeys on a page with a certificate warning");
    if (youActivated) {
      out.println(
          "  - sign in as "
              + DemoPerson.YOU.email()
              + " at "
              + base
              + "/ with the passkey you registered");
    } else if (founded.isPresent()) {
      OrganisationSetup.Invitation yours = founded.get().yours();
      out.println(
          "  - open "
              + base
              + "/activate and enter the one-time activation code of "
              + DemoPerson.YOU.email()
              + ": "
              + yours.code()
              + " (valid until "
              + yours.validUntil()
              + "); register your passkey and choose an access code");
    } else {
      out.println(
          "  - open "
              + base
              + "/activate with the activation code of "
              + DemoPerson.YOU.email()
              + " shown at the first run (valid for 7 days; '"
              + again()
              + " --reset' gives a new one)");
    }
    out.println(
        "  - you are an administrator: the admin console is "
            + base
            + "/admin; request a certificate (Certificates, template secure-email), then write"
            + " to "
            + DemoPerson.ALICE.email()
            + " or "
            + DemoPerson.BOB.email()
            + ", signed and encrypted");
  }

  private void commandLine(PrintStream out) {
    out.println();
    out.println(
        "On the command line, as alice, bob or the administrator (each asks for that person's"
            + " access code; their software PassKey is passkey.json in their folder):");
    String bob = as(DemoPerson.BOB);
    String alice = as(DemoPerson.ALICE);
    out.println("  " + bob + "mail list");
    encryptedUid.ifPresent(
        uid ->
            out.println(
                "  "
                    + bob
                    + "mail read "
                    + uid
                    + "   # the signed and encrypted one, with an attachment"));
    out.println(
        "  "
            + alice
            + "mail send --to "
            + DemoPerson.BOB.email()
            + " --subject Hello --body-file "
            + quoted(folder.files().resolve(DemoMessages.ATTACHMENT))
            + " --sign --encrypt");
    out.println("  " + as(DemoPerson.ADMIN) + "admin user list");
    out.println(
        "  "
            + bob
            + "bridge   # IMAP and SMTP on 127.0.0.1 for Thunderbird, Outlook or mutt as bob");
  }

  /** The start of a command run as {@code person}: their folder as {@code KEYMAIL_HOME}. */
  private String as(DemoPerson person) {
    return "KEYMAIL_HOME=" + quoted(folder.home(person)) + " " + SuggestedCommands.keymail() + " ";
  }

  /** The command that starts this demo again. */
  private String again() {
    return SuggestedCommands.keymail()
        + " demo"
        + (folder.path().equals(Path.of(DemoCommand.DEFAULT_FOLDER))
            ? ""
            : " --dir " + quoted(folder.path()));
  }

  private static String withoutSlash(URI url) {
    String text = url.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}
