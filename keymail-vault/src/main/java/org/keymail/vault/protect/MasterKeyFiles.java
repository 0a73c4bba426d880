package org.keymail.vault.protect;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.keymail.vault.VaultException;
import org.keymail.vault.store.VaultDatabase;

/**
 * The master key files of a data directory ({@code master.key} and the {@code kek-<KEK id>.key}
 * files that file-to-file rotations made) and which of them the vault's {@code keks} table names as
 * current.
 *
 * <p>A rotation writes its new file before its transaction and removes the old file only after the
 * commit, so a crash at any point leaves files the next start sorts out: a file whose KEK the table
 * does not know is a new key from a rotation that never committed, and a file whose KEK is retired
 * and wraps no stored key is an old key whose removal did not happen. {@link #open} removes both.
 */
public final class MasterKeyFiles {

  private final Path dataDir;
  private final SecureRandom random;

  public MasterKeyFiles(Path dataDir, SecureRandom random) {
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * The KEKs for a server whose KEK is a master key file: the file the table names as current (the
   * newest, if several), beside every other master key file still there. On the first start of an
   * empty vault {@code master.key} is created. Leftovers of an interrupted rotation are removed.
   *
   * @throws RetiredKekException when the only master keys here were retired by a rotation (for
   *     example into an HSM) and the server must be configured with the KEK that replaced them
   * @throws MasterKeyFileException when the current KEK's file is missing or cannot be trusted
   */
  public KeyProtectors open(VaultDatabase database, Clock clock) throws VaultException {
    Keks keks = Keks.read(database);
    List<FileKeyProtector> files = all();
    FileKeyProtector current = current(keks, files);
    removeUnused(keks, files, current);
    List<KeyProtector> others = new ArrayList<>();
    for (FileKeyProtector file : all()) {
      if (!file.kekId().equals(current.kekId()) && keks.known(file.kekId())) {
        others.add(file);
      }
    }
    return KeyProtectors.openCurrent(database, clock, current, others);
  }

  /**
   * The KEKs for a server whose current KEK is {@code current} (in an HSM): every master key file
   * here stays beside it, so keys that no rotation has moved yet still open.
   *
   * @throws RetiredKekException when {@code current} was retired by a rotation
   */
  public KeyProtectors openBeside(VaultDatabase database, Clock clock, KeyProtector current)
      throws VaultException {
    Keks keks = Keks.read(database);
    List<KeyProtector> others = new ArrayList<>();
    for (FileKeyProtector file : all()) {
      // A file no KEK row names is the new key of a file-to-file rotation that never committed.
      if (keks.known(file.kekId()) || isFirst(file)) {
        others.add(file);
      }
    }
    return KeyProtectors.openCurrent(database, clock, current, others);
  }

  /**
   * The vault's current master key, for a rotation away from it; never creates one.
   *
   * @throws MasterKeyFileException when no master key file here is the vault's current KEK
   */
  public FileKeyProtector current(VaultDatabase database) throws VaultException {
    Keks keks = Keks.read(database);
    List<FileKeyProtector> files = all();
    Optional<FileKeyProtector> current = newestCurrent(keks, files);
    if (current.isEmpty()) {
      throw new MasterKeyFileException(
          "there is no master key in "
              + dataDir
              + " for the vault's current key-encryption key"
              + (keks.current().isEmpty() ? "" : " " + keks.current())
              + ": give the server's data directory with --data, or the current HSM KEK with"
              + " --from-pkcs11-config and --from-pin-file");
    }
    return current.get();
  }

  /**
   * Makes the next master key file, durable before this returns (see {@link
   * FileKeyProtector#createNext}).
   */
  public FileKeyProtector createNext() throws MasterKeyFileException {
    return FileKeyProtector.createNext(dataDir, random);
  }

  /**
   * Removes the master key files that are no longer needed: those of retired KEKs that no stored
   * key names (after a completed rotation) and, while the vault has a current KEK, those of KEKs
   * the table does not know (the new key of a rotation that did not commit).
   *
   * @return the files removed
   */
  public List<Path> removeUnused(VaultDatabase database) throws VaultException {
    Keks keks = Keks.read(database);
    List<FileKeyProtector> files = all();
    return removeUnused(keks, files, newestCurrent(keks, files).orElse(null));
  }

  /** Every master key file in the data directory, read and checked. */
  public List<FileKeyProtector> all() throws MasterKeyFileException {
    List<FileKeyProtector> files = new ArrayList<>();
    if (!Files.isDirectory(dataDir)) {
      return files;
    }
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(dataDir)) {
      for (Path file : listing) {
        String name = file.getFileName().toString();
        boolean rotated =
            name.startsWith(FileKeyProtector.PREFIX) && name.endsWith(FileKeyProtector.SUFFIX);
        if (name.equals(FileKeyProtector.FILE_NAME) || rotated) {
          files.add(FileKeyProtector.openFile(file, random));
        }
      }
    } catch (IOException e) {
      throw new MasterKeyFileException(
          "cannot list the data directory " + dataDir + ": " + e.getMessage(), e);
    }
    files.sort((a, b) -> a.file().compareTo(b.file()));
    return files;
  }

  private FileKeyProtector current(Keks keks, List<FileKeyProtector> files) throws VaultException {
    Optional<FileKeyProtector> registered = newestCurrent(keks, files);
    if (registered.isPresent()) {
      return registered.get();
    }
    Optional<FileKeyProtector> retired =
        files.stream().filter(f -> keks.retired(f.kekId())).findFirst();
    if (!keks.current().isEmpty()) {
      if (retired.isPresent()) {
        // KeyProtectors.openCurrent explains which KEK replaced it.
        return retired.get();
      }
      throw new MasterKeyFileException(
          "the vault's key-encryption key is "
              + keks.current()
              + ", and no master key file in "
              + dataDir
              + " holds it: copy it from another node's data folder or restore it from a backup,"
              + " or configure the HSM that holds it");
    }
    if (retired.isPresent()) {
      return retired.get();
    }
    // An empty vault (or one whose first start stopped before registering its key).
    Optional<FileKeyProtector> first = files.stream().filter(MasterKeyFiles::isFirst).findFirst();
    return first.isPresent() ? first.get() : FileKeyProtector.open(dataDir, random);
  }

  /** Whether {@code file} is {@code master.key}, the vault's first master key. */
  private static boolean isFirst(FileKeyProtector file) {
    return file.file().getFileName().toString().equals(FileKeyProtector.FILE_NAME);
  }

  private static Optional<FileKeyProtector> newestCurrent(Keks keks, List<FileKeyProtector> files) {
    return files.stream()
        .filter(f -> keks.isCurrent(f.kekId()))
        .max((a, b) -> keks.createdAt(a.kekId()).compareTo(keks.createdAt(b.kekId())));
  }

  private List<Path> removeUnused(Keks keks, List<FileKeyProtector> files, FileKeyProtector current)
      throws MasterKeyFileException {
    List<Path> removed = new ArrayList<>();
    if (current == null || !keks.isCurrent(current.kekId())) {
      return removed; // nothing here is current: keep every file until an administrator decides
    }
    for (FileKeyProtector file : files) {
      if (file.kekId().equals(current.kekId())) {
        continue;
      }
      boolean uncommitted = !keks.known(file.kekId()) && !isFirst(file);
      boolean spent = keks.retired(file.kekId()) && !keks.wrapsKeys(file.kekId());
      if (uncommitted || spent) {
        try {
          Files.deleteIfExists(file.file());
        } catch (IOException e) {
          throw new MasterKeyFileException(
              "cannot remove the unused master key " + file.file() + ": " + e.getMessage(), e);
        }
        removed.add(file.file());
      }
    }
    if (!removed.isEmpty()) {
      FileKeyProtector.syncDirectory(dataDir);
    }
    return removed;
  }

  /** The {@code keks} table and which KEKs stored keys name, as read at one moment. */
  private record Keks(Map<String, Row> rows, Set<String> named) {

    record Row(String kind, Instant createdAt, Instant retiredAt) {}

    static Keks read(VaultDatabase database) {
      return database.inTransaction(
          connection -> {
            Map<String, Row> rows = new HashMap<>();
            try (PreparedStatement s =
                    connection.prepareStatement(
                        "SELECT id, protector, created_at, retired_at FROM keks");
                ResultSet r = s.executeQuery()) {
              while (r.next()) {
                rows.put(
                    r.getString(1),
                    new Row(
                        r.getString(2),
                        r.getTimestamp(3).toInstant(),
                        r.getTimestamp(4) == null ? null : r.getTimestamp(4).toInstant()));
              }
            }
            Set<String> named = new HashSet<>();
            try (PreparedStatement s =
                    connection.prepareStatement(
                        "SELECT kek_id FROM vault_keys UNION SELECT kek_id FROM authority_keys");
                ResultSet r = s.executeQuery()) {
              while (r.next()) {
                named.add(r.getString(1));
              }
            }
            return new Keks(rows, named);
          });
    }

    boolean known(String kekId) {
      return rows.containsKey(kekId);
    }

    boolean isCurrent(String kekId) {
      return known(kekId) && rows.get(kekId).retiredAt() == null;
    }

    boolean retired(String kekId) {
      return known(kekId) && rows.get(kekId).retiredAt() != null;
    }

    boolean wrapsKeys(String kekId) {
      return named.contains(kekId);
    }

    Instant createdAt(String kekId) {
      return rows.get(kekId).createdAt();
    }

    /** The KEKs not retired, e.g. "PKCS11-… (PKCS11)", newest first; empty for an empty vault. */
    String current() {
      return String.join(
          ", ",
          rows.entrySet().stream()
              .filter(e -> e.getValue().retiredAt() == null)
              .sorted((a, b) -> b.getValue().createdAt().compareTo(a.getValue().createdAt()))
              .map(e -> e.getKey() + " (" + e.getValue().kind() + ")")
              .toList());
    }
  }
}
