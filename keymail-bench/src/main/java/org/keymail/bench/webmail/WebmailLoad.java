package org.keymail.bench.webmail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.keymail.server.KeymailServer;
import org.keymail.server.RunningServer;
import org.keymail.server.ServerOptions;
import org.keymail.server.tls.ServerCertificate;
import org.keymail.testing.FreePorts;
import org.keymail.testing.TrustExactly;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webmail under load, on this machine: a keymail server with its embedded mail server (or the
 * PostgreSQL vault named by {@code KEYMAIL_BENCH_PG_URL}), {@code users} people who each have a
 * vault key and a certificate from the organisation's CA and {@code messages} signed and encrypted
 * messages of about 100 KB in their inbox, sent to them through the webmail. Then every person, at
 * once, for {@code seconds}: lists the inbox, opens a message (decrypted in the vault, the
 * signature judged), and every tenth round sends one. Prints throughput and p50/p99 per operation.
 * With {@code thinkMillis} above 0 each person pauses between two clicks for a random time around
 * it (uniform, half to one and a half times), as people read what they opened; with 0 every person
 * clicks again the moment the answer arrives (the most a server can be asked). The first {@code
 * warmUpSeconds} of clicking are not counted: the server's code is still being compiled then, and
 * everyone's first click arrives in the same instant, which no organisation's morning looks like.
 *
 * <pre>
 * java ... org.keymail.bench.webmail.WebmailLoad USERS MESSAGES SECONDS [THINK_MILLIS [WARM_UP_SECONDS]]
 * </pre>
 */
public final class WebmailLoad {

  private static final Pattern FIRST_CODE =
      Pattern.compile("one-time activation code: ([A-Za-z0-9-]+)");

  private WebmailLoad() {}

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int messages = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    int thinkMillis = args.length > 3 ? Integer.parseInt(args[3]) : 0;
    int warmUpSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 30;
    Path data = Files.createTempDirectory("keymail-webmail-load-");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ServerOptions.Builder options =
        ServerOptions.builder()
            .dataDirectory(data)
            .port(FreePorts.pick())
            .console(new PrintStream(printed, true, StandardCharsets.UTF_8))
            .setting("keymail.pki.port", Integer.toString(FreePorts.pick()))
            // Everyone signs in within seconds here; the limits are for attackers.
            .setting("keymail.limits.sign-in-per-minute", "100000")
            .setting("keymail.limits.sign-in-per-account-per-minute", "100000");
    String pg = System.getenv("KEYMAIL_BENCH_PG_URL");
    if (pg != null && !pg.isBlank()) {
      options.vaultDatabase(
          pg,
          System.getenv().getOrDefault("KEYMAIL_BENCH_PG_USER", "keymail"),
          System.getenv().getOrDefault("KEYMAIL_BENCH_PG_PASSWORD", "keymail"));
    }
    long started = System.nanoTime();
    try (RunningServer server = KeymailServer.start(options.build())) {
      Matcher code = FIRST_CODE.matcher(printed.toString(StandardCharsets.UTF_8));
      if (!code.find()) {
        throw new IllegalStateException("the server printed no activation code:\n" + printed);
      }
      SSLContext tls =
          TrustExactly.certificateOf(
              data.resolve("tls/server.p12"),
              data.resolve("tls/server.p12.password"),
              ServerCertificate.ALIAS);
      URI base = server.baseUri();
      WebmailUser admin = new WebmailUser("admin@keymail.localhost", base, tls, data);
      admin.activate(code.group(1));
      admin.unlock();

      List<WebmailUser> people = new ArrayList<>();
      for (int i = 0; i < users; i++) {
        WebmailUser person = new WebmailUser("user" + i + "@example.org", base, tls, data);
        String activation =
            JsonMapper.builder()
                .build()
                .readTree(admin.api("/api/v1/admin/users", Map.of("email", person.email)).body())
                .get("activationCode")
                .asString();
        person.activate(activation);
        person.unlock();
        person.requestCertificate();
        people.add(person);
      }
      byte[] attachment = new byte[100 * 1024];
      new SecureRandom().nextBytes(attachment);
      for (int round = 0; round < messages; round++) {
        for (int i = 0; i < users; i++) {
          people.get((i + 1) % users).send(people.get(i).email, "Figures " + round, attachment);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "set up %d people with %d messages each in %.0f s%n",
          users,
          messages,
          (System.nanoTime() - started) / 1e9);

      Map<String, Latencies> operations = new LinkedHashMap<>();
      operations.put("first page of the inbox", new Latencies());
      operations.put("open a signed + encrypted 100 KB message", new Latencies());
      operations.put("send signed + encrypted 100 KB", new Latencies());
      long counted = System.nanoTime() + warmUpSeconds * 1_000_000_000L;
      long end = counted + seconds * 1_000_000_000L;
      ExecutorService pool = Executors.newFixedThreadPool(users);
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < users; i++) {
        WebmailUser person = people.get(i);
        WebmailUser next = people.get((i + 1) % users);
        running.add(
            pool.submit(
                () -> {
                  run(person, next.email, attachment, operations, counted, end, thinkMillis);
                  return null;
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
      pool.shutdown();
      report(users, seconds, thinkMillis, warmUpSeconds, operations);
      for (WebmailUser person : people) {
        person.forget();
      }
    }
  }

  private static void run(
      WebmailUser person,
      String next,
      byte[] attachment,
      Map<String, Latencies> operations,
      long counted,
      long end,
      int thinkMillis) {
    List<Latencies> measured = new ArrayList<>(operations.values());
    List<Latencies> ignored = List.of(new Latencies(), new Latencies(), new Latencies());
    int round = 0;
    List<Long> uids = List.of();
    while (System.nanoTime() < end) {
      round++;
      think(thinkMillis);
      List<Latencies> ops = System.nanoTime() < counted ? ignored : measured;
      long t = System.nanoTime();
      try {
        uids = person.inbox();
        ops.get(0).add(System.nanoTime() - t);
      } catch (Exception e) {
        // A failed step is counted and noted; the person goes on, as the report counts failures.
        ops.get(0).failed();
        note(person, e);
      }
      if (!uids.isEmpty()) {
        long uid = uids.get(ThreadLocalRandom.current().nextInt(uids.size()));
        think(thinkMillis);
        t = System.nanoTime();
        try {
          person.open(uid);
          ops.get(1).add(System.nanoTime() - t);
        } catch (Exception e) {
          // A failed step is counted and noted; the person goes on, as the report counts failures.
          ops.get(1).failed();
          note(person, e);
        }
      }
      if (round % 10 == 0) {
        think(thinkMillis);
        t = System.nanoTime();
        try {
          person.send(next, "Round " + round, attachment);
          ops.get(2).add(System.nanoTime() - t);
        } catch (Exception e) {
          // A failed step is counted and noted; the person goes on, as the report counts failures.
          ops.get(2).failed();
          note(person, e);
        }
      }
    }
  }

  private static void think(int millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(millis / 2, millis * 3L / 2 + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void note(WebmailUser person, Exception e) {
    System.err.println(person.email + ": " + e.getMessage());
  }

  private static void report(
      int users,
      int seconds,
      int thinkMillis,
      int warmUpSeconds,
      Map<String, Latencies> operations) {
    System.out.printf(
        Locale.ROOT,
        "%d people at once for %d s after %d s not counted, %s%n",
        users,
        seconds,
        warmUpSeconds,
        thinkMillis > 0
            ? "about " + thinkMillis + " ms between two clicks"
            : "no pause between clicks");
    System.out.printf(
        Locale.ROOT,
        "%-42s %8s %8s %9s %9s %8s%n",
        "operation",
        "count",
        "per s",
        "p50 ms",
        "p99 ms",
        "failed");
    operations.forEach(
        (name, l) ->
            System.out.printf(
                Locale.ROOT,
                "%-42s %8d %8.1f %9.1f %9.1f %8d%n",
                name,
                l.count(),
                l.count() / (double) seconds,
                l.percentileMillis(50),
                l.percentileMillis(99),
                l.failures()));
  }
}
