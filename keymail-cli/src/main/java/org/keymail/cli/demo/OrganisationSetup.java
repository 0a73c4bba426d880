package org.keymail.cli.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keymail.cli.CliFailure;
import org.keymail.server.RunningServer;
import org.keymail.server.signin.FirstAdministrator;

/**
 * The demo's first run: sets up its organisation on the freshly started server with keymail's own
 * commands, as people would type them. The first administrator activates a software PassKey and
 * invites alice, bob and you (the person in front of the browser); alice and bob activate software
 * PassKeys and get Secure Email certificates from the organisation's CA (alice RSA, bob EC); then
 * they write to each other ({@link DemoMessages}).
 */
final class OrganisationSetup {

  /** What the organisation's first run leaves to be told, once. */
  record Founded(Map<DemoPerson, DemoAccessCode> accessCodes, Invitation yours) {
    Founded {
      // In the order the people were made, the administrator first, as they are printed.
      accessCodes = Collections.unmodifiableMap(new LinkedHashMap<>(accessCodes));
    }
  }

  /**
   * An activation code waiting for someone, and until when it works.
   *
   * @param code the one-time activation code (its only copy)
   * @param validUntil the day it stops working, as the CLI shows it
   */
  record Invitation(String code, String validUntil) {
    @Override
    public String toString() {
      return "Invitation[code=[redacted], validUntil=" + validUntil + "]";
    }
  }

  /** The name each software PassKey gets, as 'keymail passkey list' shows it. */
  static final String PASSKEY_NAME = "demo PassKey";

  private static final Pattern INVITED =
      Pattern.compile("one-time activation code: (\\S+)\\s+valid until ([^;]+);");

  private final DemoFolder folder;
  private final RunningServer server;
  private final URI url;
  private final SecureRandom random;
  private final PrintStream progress;

  OrganisationSetup(
      DemoFolder folder, RunningServer server, URI url, SecureRandom random, PrintStream progress) {
    this.folder = folder;
    this.server = server;
    this.url = url;
    this.random = random;
    this.progress = progress;
  }

  /** Sets the organisation up, saying on the progress stream what it made (never a secret). */
  Founded found() throws CliFailure {
    Map<DemoPerson, DemoAccessCode> codes = new LinkedHashMap<>();
    for (DemoPerson person : DemoPerson.WITH_SOFTWARE_PASSKEYS) {
      codes.put(person, DemoAccessCode.random(random));
    }
    PersonAtTerminal admin = at(DemoPerson.ADMIN, codes);
    String adminCode =
        server
            .bean(FirstAdministrator.class)
            .code()
            .orElseThrow(
                () ->
                    new CliFailure(
                        "the demo's server has an administrator already: 'keymail demo --reset'"
                            + " starts again"))
            .code()
            .reveal();
    admin.run("passkey", "activate", "--code", adminCode, "--name", PASSKEY_NAME);
    said(DemoPerson.ADMIN, "administrator, software PassKey " + passKeyFile(DemoPerson.ADMIN));

    PersonAtTerminal alice = at(DemoPerson.ALICE, codes);
    PersonAtTerminal bob = at(DemoPerson.BOB, codes);
    activateWithCertificate(alice, invite(admin, DemoPerson.ALICE), "rsa-2048");
    activateWithCertificate(bob, invite(admin, DemoPerson.BOB), "ec-p256");
    Invitation yours = invite(admin, DemoPerson.YOU, "--admin");
    said(DemoPerson.YOU, "administrator, invited: activates in a browser (below)");

    new DemoMessages(folder.files(), alice, bob).send(progress);
    saveRoot(admin);
    return new Founded(codes, yours);
  }

  private PersonAtTerminal at(DemoPerson person, Map<DemoPerson, DemoAccessCode> codes) {
    return new PersonAtTerminal(person, folder.home(person), url, codes.get(person));
  }

  private static Invitation invite(PersonAtTerminal admin, DemoPerson person, String... more)
      throws CliFailure {
    String[] args = {"admin", "user", "invite", person.email(), "--name", person.displayName()};
    String[] all = new String[args.length + more.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    String printed = admin.run(all);
    Matcher invited = INVITED.matcher(printed);
    if (!invited.find()) {
      throw new CliFailure(
          "the demo could not set up its organisation: inviting "
              + person.email()
              + " gave no activation code");
    }
    return new Invitation(invited.group(1), invited.group(2).strip());
  }

  private void activateWithCertificate(
      PersonAtTerminal person, Invitation invitation, String keyType) throws CliFailure {
    person.run("passkey", "activate", "--code", invitation.code(), "--name", PASSKEY_NAME);
    person.run("cert", "request", "--template", "secure-email", "--key-type", keyType);
    said(
        person.person(),
        "software PassKey "
            + passKeyFile(person.person())
            + ", Secure Email certificate ("
            + keyType
            + ")");
  }

  /** One line of progress about {@code person}, their addresses aligned. */
  private void said(DemoPerson person, String what) {
    progress.printf("  %-24s %s%n", person.email(), what);
    progress.flush();
  }

  private Path passKeyFile(DemoPerson person) {
    return folder.home(person).resolve("passkey.json");
  }

  /** The organisation's root, for the person who makes their browser or mail client trust it. */
  private void saveRoot(PersonAtTerminal admin) throws CliFailure {
    Path root = rootCertificate(folder);
    try {
      Files.createDirectories(root.getParent());
      Files.writeString(root, admin.run("ca", "root"), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new CliFailure("cannot write " + root + ": " + e.getMessage(), e);
    }
  }

  /** Where the demo keeps its organisation's root CA certificate (PEM). */
  static Path rootCertificate(DemoFolder folder) {
    return folder.files().resolve("root.pem");
  }
}
