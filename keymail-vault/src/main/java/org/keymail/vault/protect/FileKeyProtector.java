package org.keymail.vault.protect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The default {@link KeyProtector}: a 256-bit master key in a file of the data directory, {@code
 * master.key} for the vault's first KEK and {@code kek-<KEK id>.key} for each one a file-to-file
 * rotation made ({@link MasterKeyFiles} decides which of them is current).
 *
 * <p>On first start the file is created with mode 0600 from the first byte on (created under a
 * temporary name with those permissions, filled, synced, then moved into place), so the key is
 * never readable by another account, not even briefly. On every start the file is checked: if any
 * group or other permission bit is set, {@link #open} refuses with a message naming the file and
 * its mode.
 *
 * <p>The KEK id is derived from the key ({@code FILE-} and 16 hex digits of an HMAC of a fixed
 * label), so it is the same on every start and differs between master keys, without revealing the
 * key.
 */
public final class FileKeyProtector implements KeyProtector {

  /** The file name of the master key inside the data directory. */
  public static final String FILE_NAME = "master.key";

  /** The name of a master key file made by a rotation: this prefix, the KEK id, {@link #SUFFIX}. */
  public static final String PREFIX = "kek-";

  /** See {@link #PREFIX}. */
  public static final String SUFFIX = ".key";

  private static final int KEY_LENGTH = 32;
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private final SecretKey kek;
  private final String kekId;
  private final Path file;
  private final Provider provider;
  private final SecureRandom random;

  private FileKeyProtector(
      SecretKey kek, String kekId, Path file, Provider provider, SecureRandom random) {
    this.kek = kek;
    this.kekId = kekId;
    this.file = file;
    this.provider = provider;
    this.random = random;
  }

  /**
   * Opens the master key in {@code dataDir}, creating it (and the directory, mode 0700) on first
   * start.
   *
   * @param random the vault's one source of randomness, for the new key and for every IV
   * @throws MasterKeyFileException when the file is open to other accounts, has the wrong size, or
   *     cannot be read or created
   */
  public static FileKeyProtector open(Path dataDir, SecureRandom random)
      throws MasterKeyFileException {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(random, "random");
    Path file = dataDir.toAbsolutePath().resolve(FILE_NAME);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] key = new byte[KEY_LENGTH];
      try {
        random.nextBytes(key);
        create(dataDir.toAbsolutePath(), file, key);
      } finally {
        Arrays.fill(key, (byte) 0);
      }
    }
    return openFile(file, random);
  }

  /**
   * Opens the existing master key file {@code file}; never creates one.
   *
   * @throws MasterKeyFileException when the file is missing, open to other accounts, or has the
   *     wrong size
   */
  public static FileKeyProtector openFile(Path file, SecureRandom random)
      throws MasterKeyFileException {
    Objects.requireNonNull(random, "random");
    Path absolute = file.toAbsolutePath();
    byte[] key = read(absolute);
    try {
      return new FileKeyProtector(
          new SecretKeySpec(key, "AES"), idOf(key), absolute, aesGcmProvider(), random);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Makes a new master key in {@code dataDir}, in the file {@code kek-<KEK id>.key}: created with
   * mode 0600, synced, and the directory synced too, so that once this returns the file survives a
   * crash. A rotation calls it before its transaction, so a committed rotation always finds its new
   * key on disk.
   */
  public static FileKeyProtector createNext(Path dataDir, SecureRandom random)
      throws MasterKeyFileException {
    Path directory = dataDir.toAbsolutePath();
    byte[] key = new byte[KEY_LENGTH];
    try {
      random.nextBytes(key);
      Path file = directory.resolve(PREFIX + idOf(key) + SUFFIX);
      create(directory, file, key);
      syncDirectory(directory);
      return openFile(file, random);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Flushes {@code directory}'s entries (a new or removed file name) to the disk.
   *
   * @throws MasterKeyFileException when the directory cannot be synced
   */
  static void syncDirectory(Path directory) throws MasterKeyFileException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      throw new MasterKeyFileException(
          "cannot sync the data directory " + directory + ": " + e.getMessage(), e);
    }
  }

  private static Provider aesGcmProvider() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding").getProvider();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no AES-GCM", e);
    }
  }

  private static void create(Path dataDir, Path file, byte[] key) throws MasterKeyFileException {
    Path temporary = null;
    try {
      if (!Files.isDirectory(dataDir)) {
        Files.createDirectories(
            dataDir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      // The permissions are an attribute of the creation itself, so there is no moment in which
      // the file exists with the umask's (often world-readable) mode.
      temporary =
          Files.createTempFile(
              dataDir, ".master.key-", ".new", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(key));
        channel.force(true);
      }
      try {
        // Atomic and without replacing: two servers starting at once keep the first one's key.
        Files.createLink(file, temporary);
      } catch (FileAlreadyExistsException raced) {
        // another process created it first: use theirs
      } catch (UnsupportedOperationException noHardLinks) {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new MasterKeyFileException(
          "cannot create the vault's master key " + file + ": " + e.getMessage(), e);
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // a leftover temporary has mode 0600; the next start creates a new one
        }
      }
    }
  }

  private static byte[] read(Path file) throws MasterKeyFileException {
    try {
      Set<PosixFilePermission> permissions =
          Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new MasterKeyFileException(
            "the vault's master key " + file + " is not a regular file");
      }
      Set<PosixFilePermission> open = EnumSet.copyOf(OTHERS);
      open.retainAll(permissions);
      if (!open.isEmpty()) {
        throw new MasterKeyFileException(
            "the vault's master key "
                + file
                + " has mode "
                + mode(permissions)
                + " and is open to other accounts; run chmod 600 "
                + file
                + " and check who may have copied it");
      }
      byte[] key = Files.readAllBytes(file);
      if (key.length != KEY_LENGTH) {
        int length = key.length;
        Arrays.fill(key, (byte) 0);
        throw new MasterKeyFileException(
            "the vault's master key "
                + file
                + " holds "
                + length
                + " bytes, not "
                + KEY_LENGTH
                + "; it was damaged or replaced");
      }
      return key;
    } catch (AccessDeniedException e) {
      throw new MasterKeyFileException(
          "the vault's master key " + file + " is not readable by this account", e);
    } catch (IOException e) {
      throw new MasterKeyFileException(
          "cannot read the vault's master key " + file + ": " + e.getMessage(), e);
    }
  }

  /** The octal mode, e.g. {@code 0644}. */
  static String mode(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission p : permissions) {
      mode |= 1 << (8 - p.ordinal());
    }
    return String.format("0%03o", mode);
  }

  private static String idOf(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] check = mac.doFinal("keymail KEK id".getBytes(StandardCharsets.US_ASCII));
      return "FILE-" + HexFormat.of().formatHex(check, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no HMAC-SHA256", e);
    }
  }

  /** The file this master key was read from. */
  public Path file() {
    return file;
  }

  @Override
  public String kekId() {
    return kekId;
  }

  @Override
  public String kind() {
    return "FILE";
  }

  @Override
  public byte[] wrap(byte[] dataKey, byte[] aad) {
    try {
      return GcmBlob.seal(provider, kek, random, dataKey, aad);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed with an in-memory key", e);
    }
  }

  @Override
  public byte[] unwrap(byte[] wrapped, byte[] aad) throws TamperedKeyException {
    try {
      return GcmBlob.open(provider, kek, wrapped, aad, kekId);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed with an in-memory key", e);
    }
  }

  @Override
  public String toString() {
    return "FileKeyProtector[" + kekId + ", key=[redacted]]";
  }
}
