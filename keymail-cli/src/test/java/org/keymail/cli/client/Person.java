package org.keymail.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keymail.cli.CliRun;

/**
 * Someone at their own computer running {@code keymail} against a test server: their own {@code
 * KEYMAIL_HOME}, {@code KEYMAIL_SERVER} set, and every output kept so tests can scan it for
 * secrets.
 */
final class Person {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path home;
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final List<CliRun.Result> results = new ArrayList<>();

  Person(Path home, String server) {
    this.home = home;
    environment.put(KeymailHome.ENVIRONMENT_VARIABLE, home.toString());
    environment.put(ServerAccess.SERVER_VARIABLE, server);
  }

  Path home() {
    return home;
  }

  /** This person's environment for keymail: their home and server. */
  Map<String, String> environment() {
    return Map.copyOf(environment);
  }

  /** Runs keymail with this person's environment and {@code extra} variables. */
  CliRun.Result run(Map<String, String> extra, String... args) {
    CliRun run = CliRun.keymail();
    environment.forEach(run::env);
    extra.forEach(run::env);
    CliRun.Result result = run.run(args);
    results.add(result);
    return result;
  }

  CliRun.Result run(String... args) {
    return run(Map.of(), args);
  }

  /** Runs keymail with {@code input} on its standard input, as {@code echo text | keymail ...}. */
  CliRun.Result runWithInput(byte[] input, String... args) {
    CliRun run = CliRun.keymail().stdin(input);
    environment.forEach(run::env);
    CliRun.Result result = run.run(args);
    results.add(result);
    return result;
  }

  /** Runs keymail with the access code in {@code KEYMAIL_ACCESS_CODE}, as a script would. */
  CliRun.Result withAccessCode(String accessCode, String... args) {
    return run(Map.of(AccessCodeInput.ENVIRONMENT_VARIABLE, accessCode), args);
  }

  /** What {@code keymail mail list --json} with {@code options} answers; it must succeed. */
  JsonNode mailList(String... options) {
    String[] args = new String[options.length + 3];
    args[0] = "mail";
    args[1] = "list";
    System.arraycopy(options, 0, args, 2, options.length);
    args[args.length - 1] = "--json";
    CliRun.Result listed = MailingOrganisation.assertOk(run(args));
    try {
      return JSON.readTree(listed.out());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything keymail printed for this person, standard output and error. */
  String everythingPrinted() {
    StringBuilder all = new StringBuilder();
    results.forEach(r -> all.append(r.out()).append('\n').append(r.stderr()).append('\n'));
    return all.toString();
  }

  /** The session token in the session file, if any (to check it is never printed). */
  /**
   * Activates a software PassKey with {@code activationCode}, choosing {@code accessCode}, and
   * unlocks with it: the start of most stories.
   */
  void activateAndUnlock(String accessCode, String activationCode) {
    CliRun.Result activated =
        withAccessCode(accessCode, "passkey", "activate", "--code", activationCode);
    assertThat(activated.exitCode()).as(activated.stderr()).isZero();
    CliRun.Result unlocked = withAccessCode(accessCode, "unlock");
    assertThat(unlocked.exitCode()).as(unlocked.stderr()).isZero();
  }

  String sessionToken() {
    try {
      Path file = home.resolve("session");
      return Files.exists(file) ? SessionFile.read(file).orElseThrow().token() : "";
    } catch (org.keymail.cli.CliFailure e) {
      throw new IllegalStateException(e);
    }
  }

  Path file(String name, String content) {
    try {
      return Files.writeString(home.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
