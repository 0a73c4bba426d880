package org.keymail.vault.keys;

import java.io.FileOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.UUID;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.smime.keys.Pkcs12Reader;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.keyuse.KeyUseAudit;
import org.keymail.vault.keyuse.KeyUseJournal;
import org.keymail.vault.protect.FileKeyProtector;
import org.keymail.vault.protect.KeyProtectors;
import org.keymail.vault.session.SessionToken;
import org.keymail.vault.store.VaultDatabase;

/**
 * The vault process {@link KeyUseCrashIT} kills while it signs: opens the vault's database with the
 * hash-chained audit log and the key-use journal in the data directory, imports the user's PKCS#12
 * file, unlocks a session and signs until it is killed.
 *
 * <p>Prints {@code token WIRE} (the session token, so that the parent can look for it in the
 * journal), {@code started}, then {@code signed N} after the N-th signature has been returned.
 * Before printing it appends {@code N} as a line to the progress file, in one write that the kill
 * cannot undo (the parent's pipe loses what it had not read when the child is killed), so the last
 * line there is the last key use whose audit event the vault owes.
 *
 * <p>After the {@code SHIP_AT}-th signature it stores the journal in the audit log, makes that last
 * through the kill and prints {@code shipped}, so that the kill later finds this node's mark in the
 * middle of its journal. Shipments after that one may be undone by the kill on H2.
 *
 * <p>Arguments: {@code URL USER PASSWORD DATA_DIR USER_ID P12 P12_PASSWORD PROGRESS_FILE SHIP_AT}.
 */
public final class KeyUseCrashChild {

  /** Where the vault keeps its key-use journal, under its data directory. */
  static final String JOURNAL = "key-use-journal";

  private KeyUseCrashChild() {}

  public static void main(String[] args) throws Exception {
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();
    Path dataDir = Path.of(args[3]);
    UUID user = UUID.fromString(args[4]);
    long shipAt = Long.parseLong(args[8]);
    VaultDatabase database = VaultDatabase.open(args[0], args[1], args[2]);
    TestSessions sessions = new TestSessions(clock);
    KeyProtectors protectors =
        KeyProtectors.open(database, clock, FileKeyProtector.open(dataDir, random));
    AuditLog audit = new AuditLog(database, clock);
    KeyHandles keys =
        KeyHandles.builder()
            .database(database)
            .protectors(protectors)
            .sessionGate(sessions)
            .auditTrail(audit)
            .clock(clock)
            .random(random)
            .keyUseJournal(KeyUseJournal.open(dataDir.resolve(JOURNAL)))
            .keyUseAudit(KeyUseAudit.Settings.DEFAULTS)
            .build();
    ImportedKeys imported;
    try (InputStream in = Files.newInputStream(Path.of(args[5]))) {
      imported =
          new Pkcs12Import(
                  database,
                  protectors,
                  audit,
                  clock,
                  random,
                  new Pkcs12Reader(Pkcs12Reader.DEFAULT_MAX_ITERATIONS))
              .importPkcs12(user, in, args[6].toCharArray());
    }
    X509Certificate certificate =
        imported.certificates().stream()
            .filter(VaultCertificate::hasVaultKey)
            .findFirst()
            .orElseThrow()
            .certificate();
    SessionToken token = sessions.unlock(user);
    VaultKeyHandle handle = keys.keyHandle(token, certificate);
    byte[] message = "a message keymail signs again and again".getBytes(StandardCharsets.UTF_8);

    System.out.println("token " + token.reveal());
    System.out.println("started");
    System.out.flush();
    try (FileOutputStream progress = new FileOutputStream(args[7], true)) {
      for (long n = 1; ; n++) {
        handle.sign(SignatureAlgorithm.SHA256_WITH_ECDSA, message);
        progress.write((n + "\n").getBytes(StandardCharsets.US_ASCII));
        System.out.println("signed " + n);
        if (n == shipAt) {
          keys.shipKeyUses();
          lastsThroughAKill(database);
          System.out.println("shipped");
        }
        System.out.flush();
      }
    }
  }

  /**
   * H2 writes committed transactions to its file only within its write delay (500 ms by default),
   * so a kill can undo the last ones; a checkpoint makes everything committed so far last.
   * PostgreSQL's commits last as they are.
   */
  private static void lastsThroughAKill(VaultDatabase database) throws Exception {
    if (database.product() == VaultDatabase.Product.H2) {
      database.inTransaction(
          c -> {
            try (var s = c.createStatement()) {
              s.execute("CHECKPOINT SYNC");
            }
            return null;
          });
    }
  }
}
