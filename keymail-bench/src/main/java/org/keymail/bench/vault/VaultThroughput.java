package org.keymail.bench.vault;

import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.keymail.bench.smime.BenchIdentity;
import org.keymail.bench.smime.KeyType;
import org.keymail.smime.SoftwareKeyHandle;
import org.keymail.smime.internal.CryptoProviders;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.keyuse.KeyUseAudit;
import org.keymail.vault.keyuse.KeyUseJournal;
import org.keymail.vault.session.SessionId;
import org.keymail.vault.store.VaultDatabase;

/**
 * One configuration of the vault benchmark, in a JVM of its own: a database product, a key type and
 * a number of concurrent unlock sessions. Sets up that many users through the real PassKey path,
 * then for sign and decrypt alternates the bare operation ({@link SoftwareKeyHandle}, one per
 * thread) with the same operation through each user's {@code VaultKeyHandle}, same thread count,
 * for a few rounds, printing one {@code RESULT} line per measurement.
 *
 * <pre>
 * java -cp keymail-bench.jar:lib/* org.keymail.bench.vault.VaultThroughput \
 *     H2|POSTGRESQL RSA_2048|EC_P256 SESSIONS [--warm-up S] [--window S] [--rounds N] [--parts]
 * </pre>
 *
 * <p>{@code --parts} also measures, at the same thread count, the pieces a vault operation adds or
 * avoids: the session gate for key use (memory) and the database-checked gate, an audit event in a
 * transaction of its own and one journaled and shipped with the session check (what a key use pays,
 * shipping included), and the bare operation on a key decoded from PKCS#8 and converted for the
 * fast provider each time (what the vault paid per use before it kept decrypted keys per session).
 */
public final class VaultThroughput {

  private VaultThroughput() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println(
          "usage: VaultThroughput H2|POSTGRESQL RSA_2048|EC_P256 SESSIONS"
              + " [--warm-up S] [--window S] [--rounds N] [--parts]");
      System.exit(2);
    }
    VaultDatabase.Product product = VaultDatabase.Product.valueOf(args[0]);
    KeyType keyType = KeyType.valueOf(args[1]);
    int sessions = Integer.parseInt(args[2]);
    Duration warmUp = Duration.ofMillis(1500);
    Duration window = Duration.ofMillis(2500);
    int rounds = 2;
    boolean parts = false;
    for (int i = 3; i < args.length; i++) {
      switch (args[i]) {
        case "--warm-up" -> warmUp = seconds(args[++i]);
        case "--window" -> window = seconds(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--parts" -> parts = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    String config = "db=" + product + " key=" + keyType + " sessions=" + sessions;
    System.out.println("# " + config + "; " + CryptoProviders.describe());

    BenchIdentity identity = BenchIdentity.mint(keyType, "bench@bench.example");
    long setUpStart = System.nanoTime();
    try (BenchVault vault = new BenchVault(BenchDatabase.open(product))) {
      byte[] pkcs12 = BenchVault.pkcs12(identity);
      List<BenchVault.Member> members = setUp(vault, identity, pkcs12, sessions);
      System.out.printf(
          Locale.ROOT,
          "# set-up of %d users with sessions: %.1f s%n",
          sessions,
          (System.nanoTime() - setUpStart) / 1e9);

      for (KeyOperation operation : KeyOperation.values()) {
        KeyOperation.Input input = operation.inputFor(identity);
        List<Throughput.Task> bare = new ArrayList<>();
        List<Throughput.Task> vaulted = new ArrayList<>();
        for (BenchVault.Member member : members) {
          SoftwareKeyHandle own = identity.keyHandle();
          bare.add(() -> input.performOn(own));
          vaulted.add(() -> input.performOn(member.key()));
        }
        for (int round = 1; round <= rounds; round++) {
          report(config, operation, "BARE", round, Throughput.measure(bare, warmUp, window));
          // Shipping the journal after the window counts: the rate includes storing every event.
          report(
              config,
              operation,
              "VAULT",
              round,
              Throughput.measure(vaulted, warmUp, window, vault.keys::shipKeyUses));
        }
        if (parts) {
          byte[] pkcs8 = identity.privateKey().getEncoded();
          String family = identity.privateKey().getAlgorithm();
          List<Throughput.Task> freshKey = new ArrayList<>();
          for (int i = 0; i < sessions; i++) {
            freshKey.add(
                () -> {
                  PrivateKey key =
                      KeyFactory.getInstance(family)
                          .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                  input.performOn(SoftwareKeyHandle.of(key, identity.certificate()));
                });
          }
          report(config, operation, "FRESH_KEY", 1, Throughput.measure(freshKey, warmUp, window));
        }
      }
      if (parts) {
        List<Throughput.Task> gate = new ArrayList<>();
        List<Throughput.Task> gateDatabase = new ArrayList<>();
        List<Throughput.Task> audit = new ArrayList<>();
        List<Throughput.Task> batched = new ArrayList<>();
        try (KeyUseAudit journaled =
            KeyUseAudit.start(
                vault.database.database(),
                vault.audit,
                vault.sessions,
                KeyUseJournal.open(Files.createTempDirectory("keymail-bench-journal-")),
                vault.clock,
                KeyUseAudit.Settings.DEFAULTS)) {
          for (BenchVault.Member member : members) {
            gate.add(() -> vault.sessions.requireForKeyUse(member.session().token()));
            gateDatabase.add(() -> vault.sessions.require(member.session().token()));
            AuditEvent event =
                new AuditEvent(
                    member.userId(),
                    member.session().session().passkeyId(),
                    "SIGN",
                    "key " + member.key().keyId(),
                    null,
                    AuditResult.SUCCESS,
                    "bench: audit alone");
            SessionId session = SessionId.of(member.session().token());
            audit.add(() -> vault.audit.record(event));
            batched.add(() -> journaled.record(event, session));
          }
          report(config, null, "GATE", 1, Throughput.measure(gate, warmUp, window));
          report(
              config, null, "GATE_DATABASE", 1, Throughput.measure(gateDatabase, warmUp, window));
          report(config, null, "AUDIT", 1, Throughput.measure(audit, warmUp, window));
          report(
              config,
              null,
              "AUDIT_JOURNALED",
              1,
              Throughput.measure(batched, warmUp, window, journaled::ship));
        }
      }
    }
  }

  /** Activates and unlocks {@code sessions} users, four at a time: set-up is not what is timed. */
  private static List<BenchVault.Member> setUp(
      BenchVault vault, BenchIdentity identity, byte[] pkcs12, int sessions)
      throws InterruptedException, ExecutionException {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<BenchVault.Member>> pending = new ArrayList<>();
      for (int i = 0; i < sessions; i++) {
        int number = i;
        pending.add(pool.submit(() -> vault.member(number, identity, pkcs12)));
      }
      List<BenchVault.Member> members = new ArrayList<>();
      for (Future<BenchVault.Member> member : pending) {
        members.add(member.get());
      }
      return members;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void report(
      String config, KeyOperation operation, String mode, int round, double opsPerSecond) {
    System.out.printf(
        Locale.ROOT,
        "RESULT %s op=%s mode=%s round=%d ops_per_s=%.1f at=%tT%n",
        config,
        operation == null ? "-" : operation,
        mode,
        round,
        opsPerSecond,
        new java.util.Date());
  }

  private static Duration seconds(String value) {
    return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
  }
}
