package org.keymail.vault.protect;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.store.VaultDatabase;

/**
 * The process {@link MasterKeyFilesTest} kills in the middle of a file-to-file KEK rotation, as
 * {@code keymail vault rotate-kek --to-file} runs it: the new master key file is written, then at
 * the {@code STOP_AT}-th re-wrapped key, inside the transaction, it prints {@code started} and
 * waits for its stdin, which never answers. Prints {@code done} if it ever finishes.
 *
 * <p>Arguments: {@code URL USER PASSWORD DATA_DIR STOP_AT}.
 */
public final class FileRotationChild {

  private FileRotationChild() {}

  public static void main(String[] args) throws Exception {
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();
    try (VaultDatabase database = VaultDatabase.open(args[0], args[1], args[2])) {
      MasterKeyFiles files = new MasterKeyFiles(Path.of(args[3]), random);
      KeyProtector from = files.current(database);
      KeyProtector to = new StopsHalfWay(files.createNext(), Integer.parseInt(args[4]));
      new KekRotation(clock).rotate(database, from, to, new AuditLog(database, clock));
      files.removeUnused(database);
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
