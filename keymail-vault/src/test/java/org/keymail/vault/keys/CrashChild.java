package org.keymail.vault.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.keymail.smime.keys.Pkcs12Reader;
import org.keymail.vault.protect.FileKeyProtector;
import org.keymail.vault.protect.KekRotation;
import org.keymail.vault.protect.KekUnavailableException;
import org.keymail.vault.protect.KeyProtector;
import org.keymail.vault.protect.KeyProtectors;
import org.keymail.vault.protect.TamperedKeyException;
import org.keymail.vault.store.VaultDatabase;

/**
 * The process {@link CrashConsistencyIT} kills: opens the vault's database and runs a PKCS#12
 * import or a KEK rotation. Half-way through the work (at the {@code stopAt}-th data key wrapped,
 * inside the transaction) it prints {@code started} and waits for its stdin, which never answers:
 * the parent kills it there. Prints {@code done} if it ever finishes.
 *
 * <p>Arguments: {@code import URL USER PASSWORD DATA_DIR USER_ID P12 P12_PASSWORD STOP_AT} or
 * {@code rotate URL USER PASSWORD OLD_DIR NEW_DIR STOP_AT}.
 */
public final class CrashChild {

  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();
    try (VaultDatabase database = VaultDatabase.open(args[1], args[2], args[3])) {
      TestAuditTrail audit = new TestAuditTrail(clock);
      if (args[0].equals("import")) {
        KeyProtector kek =
            new StopsHalfWay(
                FileKeyProtector.open(Path.of(args[4]), random), Integer.parseInt(args[8]));
        Pkcs12Import keys =
            new Pkcs12Import(
                database,
                KeyProtectors.open(database, clock, kek),
                audit,
                clock,
                random,
                new Pkcs12Reader(Pkcs12Reader.DEFAULT_MAX_ITERATIONS));
        try (var in = Files.newInputStream(Path.of(args[6]))) {
          keys.importPkcs12(UUID.fromString(args[5]), in, args[7].toCharArray());
        }
      } else {
        KeyProtector from = FileKeyProtector.open(Path.of(args[4]), random);
        KeyProtector to =
            new StopsHalfWay(
                FileKeyProtector.open(Path.of(args[5]), random), Integer.parseInt(args[6]));
        new KekRotation(clock).rotate(database, from, to, audit);
      }
    }
    System.out.println("done");
    System.out.flush();
  }

  /** A KEK that, at its n-th wrap, announces it is in the middle of the work and blocks. */
  private static final class StopsHalfWay implements KeyProtector {
    private final KeyProtector inner;
    private final int stopAt;
    private final AtomicInteger wraps = new AtomicInteger();

    StopsHalfWay(KeyProtector inner, int stopAt) {
      this.inner = inner;
      this.stopAt = stopAt;
    }

    @Override
    public String kekId() {
      return inner.kekId();
    }

    @Override
    public String kind() {
      return inner.kind();
    }

    @Override
    public byte[] wrap(byte[] dataKey, byte[] aad) throws KekUnavailableException {
      if (wraps.incrementAndGet() == stopAt) {
        System.out.println("started");
        System.out.flush();
        try {
          System.in.read();
        } catch (IOException e) {
          throw new KekUnavailableException("the test parent went away", e);
        }
      }
      return inner.wrap(dataKey, aad);
    }

    @Override
    public byte[] unwrap(byte[] wrapped, byte[] aad)
        throws TamperedKeyException, KekUnavailableException {
      return inner.unwrap(wrapped, aad);
    }
  }
}
