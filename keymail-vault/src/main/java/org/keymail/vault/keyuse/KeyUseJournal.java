package org.keymail.vault.keyuse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ObjLongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * A node's append-only journal of key uses, in memory-mapped segment files under its own directory.
 * An {@link #append} is a copy into the operating system's page cache: once it returns, the record
 * survives the keymail process being killed, and the {@link KeyUseAudit} shipper moves it into the
 * database's audit log shortly after.
 *
 * <p>Appends take no lock: a thread claims its slot by an atomic compare-and-set of the slot's
 * length word (so a slot's size is on disk from the moment it is claimed), copies its record in,
 * and commits it by writing the record's CRC-32C last. A thread delayed between claim and commit
 * never holds up the others, which matters when many more threads than CPUs sign at once. Readers
 * stop at the first slot not yet committed. On reopening after a crash, a claimed slot that was
 * never committed (its key use never returned) is voided and skipped; committed records after it
 * are kept.
 *
 * <p>A record's place is a position: segment number times the segment size plus its offset in the
 * segment. Positions only grow; {@link #release} deletes segments once everything in them is
 * stored. One process at a time may open a directory (a file lock says so). Safe for use by several
 * threads.
 */
public final class KeyUseJournal implements AutoCloseable {

  /** Records are small (one audit event); anything larger is a bug, not data. */
  static final int MAX_RECORD = 64 * 1024;

  private static final int DEFAULT_SEGMENT_SIZE = 8 * 1024 * 1024;
  private static final int HEADER = 8;

  /** A length word: the rest of this segment is unused, go on in the next. */
  private static final int NEXT_SEGMENT = -1;

  // A length word below -1: a slot of that many bytes (negated) claimed and never committed.
  private static final Pattern SEGMENT_NAME = Pattern.compile("keyuse-(\\d{16})\\.journal");
  private static final VarHandle INT =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private final Segments segments;
  private final int segmentSize;
  private final UUID nodeId;
  private final ConcurrentSkipListMap<Long, ByteBuffer> open = new ConcurrentSkipListMap<>();

  /** The end of the claimed slots: where the next slot is claimed. */
  private final AtomicLong end;

  private long releasedTo; // guarded by this: segments below it are gone for good
  private volatile boolean sealed;
  private volatile boolean closed;

  private KeyUseJournal(Segments segments, int segmentSize, UUID nodeId) {
    if (segmentSize % 4 != 0 || segmentSize < 64) {
      throw new IllegalArgumentException("a journal segment is a multiple of 4 bytes, at least 64");
    }
    this.segments = segments;
    this.segmentSize = segmentSize;
    this.nodeId = nodeId;
    for (long number : segments.existing()) {
      open.put(number, segments.map(number, segmentSize));
    }
    if (open.isEmpty()) {
      open.put(0L, segments.map(0, segmentSize));
    }
    releasedTo = open.firstKey();
    long position = open.firstKey() * segmentSize;
    for (long number : List.copyOf(open.keySet())) {
      position = recover(number, open.get(number), number == open.lastKey());
    }
    this.end = new AtomicLong(position);
    mapped(position / segmentSize);
  }

  /** Where a server keeps its journal in its data folder: {@code DATA/vault/key-use-journal}. */
  public static Path folderIn(Path dataDirectory) {
    return dataDirectory.resolve("vault").resolve("key-use-journal");
  }

  /**
   * The journal in {@code directory} (created if missing), with this node's id kept beside it.
   *
   * @throws JournalInUseException when another process has the directory open
   */
  public static KeyUseJournal open(Path directory) {
    return open(directory, DEFAULT_SEGMENT_SIZE);
  }

  static KeyUseJournal open(Path directory, int segmentSize) {
    return new KeyUseJournal(
        FileSegments.lock(directory), segmentSize, FileSegments.nodeId(directory));
  }

  /**
   * Takes the lock a running node holds on its journal in {@code directory} (created if missing),
   * without opening the journal: for work on the data folder of a stopped server ({@code keymail
   * vault}), which must not run beside a server on that folder. While it is held, no server starts
   * on the folder either.
   *
   * @throws JournalInUseException when a keymail process (a running server) holds it
   */
  public static Lock lock(Path directory) {
    return FileSegments.lock(directory)::close;
  }

  /** The journal's lock, held without the journal open; closing it lets a server start. */
  public interface Lock extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * A journal that lives only in this process's memory, for tests and throw-away vaults: what it
   * holds is lost with the process, so a crash can lose key uses' audit events.
   */
  public static KeyUseJournal inMemory() {
    return new KeyUseJournal(new MemorySegments(), DEFAULT_SEGMENT_SIZE, UUID.randomUUID());
  }

  /** Names this journal's node in the database's marks of what is stored. */
  public UUID nodeId() {
    return nodeId;
  }

  /**
   * Appends {@code record} and returns the position just after it.
   *
   * @throws IllegalStateException once the journal is sealed or closed
   */
  public long append(byte[] record) {
    if (sealed || closed) {
      throw new IllegalStateException("the key-use journal takes no more records");
    }
    int slot = slotOf(record.length);
    if (record.length == 0 || record.length > MAX_RECORD || slot > segmentSize) {
      throw new IllegalArgumentException("a journal record has 1 to " + MAX_RECORD + " bytes");
    }
    int crc = crcOf(record);
    while (true) {
      long at = end.get();
      long segment = at / segmentSize;
      int offset = (int) (at % segmentSize);
      ByteBuffer buffer = mapped(segment);
      if (buffer == null) {
        continue; // a stale end, in a segment already released: read it again
      }
      if (offset + slot > segmentSize) {
        // Too little room: claim the rest of the segment for nothing and go on in the next one.
        if (INT.compareAndSet(buffer, offset, 0, NEXT_SEGMENT)) {
          mapped(segment + 1);
          end.compareAndSet(at, (segment + 1) * segmentSize);
        } else {
          helpPast(at, buffer, offset);
        }
        continue;
      }
      if (INT.compareAndSet(buffer, offset, 0, record.length)) {
        long after = at + slot;
        if (after % segmentSize == 0) {
          mapped(after / segmentSize);
        }
        end.compareAndSet(at, after);
        buffer.put(offset + HEADER, record);
        INT.setRelease(buffer, offset + 4, crc);
        return after;
      }
      helpPast(at, buffer, offset);
    }
  }

  /** Another thread claimed the slot at {@code at}: move the end past it for everyone. */
  private void helpPast(long at, ByteBuffer buffer, int offset) {
    int claimed = (int) INT.getAcquire(buffer, offset);
    long segment = at / segmentSize;
    long next;
    if (claimed == NEXT_SEGMENT) {
      mapped(segment + 1);
      next = (segment + 1) * segmentSize;
    } else {
      next = at + slotOf(claimed);
      if (next % segmentSize == 0) {
        mapped(next / segmentSize);
      }
    }
    end.compareAndSet(at, next);
  }

  /**
   * Writes out and maps the segment after the current one once the current one is half full, so
   * that appends roll over into a segment that is ready instead of waiting while one is written.
   * The shipper calls this between shipments.
   */
  public void prepareNext() {
    long at = end.get();
    if (at % segmentSize >= segmentSize / 2 && !closed) {
      mapped(at / segmentSize + 1);
    }
  }

  /** Takes no more records; those appended so far can still be read and released. */
  public void seal() {
    sealed = true;
  }

  /** The position after the last record appended (or being appended). */
  public long written() {
    return end.get();
  }

  /** The position of the first record still held. */
  public long start() {
    return open.firstKey() * segmentSize;
  }

  /**
   * Hands each record from {@code from} up to {@code to} (both positions this journal gave out) to
   * {@code reader}, with the position after it, oldest first, at most {@code max} of them. Stops
   * early at a record still being appended.
   *
   * @return the position after the last record handed over
   */
  public long read(long from, long to, int max, ObjLongConsumer<byte[]> reader) {
    long at = Math.max(from, start());
    int count = 0;
    while (at < to && count < max) {
      ByteBuffer buffer = open.get(at / segmentSize);
      int offset = (int) (at % segmentSize);
      int length = (int) INT.getAcquire(buffer, offset);
      if (length == NEXT_SEGMENT) {
        at = (at / segmentSize + 1) * segmentSize;
        continue;
      }
      if (length < NEXT_SEGMENT) {
        at += -length;
        continue;
      }
      if (length == 0) {
        break;
      }
      int crc = (int) INT.getAcquire(buffer, offset + 4);
      byte[] record = new byte[length];
      buffer.get(offset + HEADER, record);
      if (crc == 0 || crc != crcOf(record)) {
        break; // claimed, not yet committed: the next round takes it
      }
      at += slotOf(length);
      reader.accept(record, at);
      count++;
    }
    return at;
  }

  /** Deletes the segments that hold only records before {@code position}. */
  public synchronized void release(long position) {
    long keepFrom = Math.min(position, end.get()) / segmentSize;
    releasedTo = Math.max(releasedTo, keepFrom);
    for (long number : List.copyOf(open.headMap(keepFrom).keySet())) {
      open.remove(number);
      segments.delete(number);
    }
  }

  /** Writes the mapped segments to disk and lets the directory go. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (ByteBuffer buffer : open.values()) {
      if (buffer instanceof MappedByteBuffer mapped) {
        mapped.force();
      }
    }
    open.clear();
    segments.close();
  }

  /** Segment {@code segment}, mapped if need be; null if it was released already. */
  private ByteBuffer mapped(long segment) {
    ByteBuffer buffer = open.get(segment);
    if (buffer != null) {
      return buffer;
    }
    synchronized (this) {
      if (segment < releasedTo) {
        return null;
      }
      return open.computeIfAbsent(segment, n -> segments.map(n, segmentSize));
    }
  }

  /**
   * Walks segment {@code number} after a restart and returns the position after its last claimed
   * slot. Slots claimed and never committed are voided, so readers skip them; in the last segment,
   * whatever follows the last slot is cleared for the next append.
   */
  private long recover(long number, ByteBuffer buffer, boolean last) {
    int offset = 0;
    while (offset + HEADER <= segmentSize) {
      int length = buffer.getInt(offset);
      if (length == NEXT_SEGMENT) {
        return (number + 1) * segmentSize;
      }
      if (length < NEXT_SEGMENT && -length >= HEADER && offset + -length <= segmentSize) {
        offset += -length;
        continue;
      }
      if (length <= 0 || length > MAX_RECORD || offset + slotOf(length) > segmentSize) {
        break;
      }
      byte[] record = new byte[length];
      buffer.get(offset + HEADER, record);
      int crc = buffer.getInt(offset + 4);
      if (crc == 0 || crc != crcOf(record)) {
        buffer.putInt(offset, -slotOf(length));
      }
      offset += slotOf(length);
    }
    if (!last) {
      // A later segment exists (prepared ahead of need): readers go on there.
      if (offset < segmentSize) {
        buffer.putInt(offset, NEXT_SEGMENT);
        clear(buffer, offset + 4);
      }
      return (number + 1) * segmentSize;
    }
    clear(buffer, offset);
    return number * segmentSize + offset;
  }

  /**
   * Zeroes {@code buffer} from {@code from} to the segment's end. Only bytes that are not zero are
   * written: after a clean stop there are none, and a page read is cheaper than a page dirtied.
   */
  private void clear(ByteBuffer buffer, int from) {
    for (int i = from; i < segmentSize; i++) {
      if (buffer.get(i) != 0) {
        buffer.put(i, (byte) 0);
      }
    }
  }

  /** A slot: header and record, rounded up to whole 4-byte words so that length words align. */
  private static int slotOf(int length) {
    return HEADER + ((length + 3) & ~3);
  }

  /** The record's CRC-32C; never 0, which marks a slot not yet committed. */
  private static int crcOf(byte[] record) {
    CRC32C crc = new CRC32C();
    crc.update(record);
    int value = (int) crc.getValue();
    return value == 0 ? 1 : value;
  }

  /** Where segments live. */
  private interface Segments {
    List<Long> existing();

    ByteBuffer map(long number, int size);

    void delete(long number);

    void close();
  }

  /** Direct buffers: atomic access to a length word needs memory that does not move. */
  private static final class MemorySegments implements Segments {
    @Override
    public List<Long> existing() {
      return List.of();
    }

    @Override
    public ByteBuffer map(long number, int size) {
      return ByteBuffer.allocateDirect(size);
    }

    @Override
    public void delete(long number) {}

    @Override
    public void close() {}
  }

  private static final class FileSegments implements Segments {
    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private FileSegments(Path directory, FileChannel lockChannel, FileLock lock) {
      this.directory = directory;
      this.lockChannel = lockChannel;
      this.lock = lock;
    }

    /** Directories open in this process: a second open must not even touch the lock file. */
    private static final java.util.Set<Path> OPEN_HERE =
        java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The journal's files are the server's own (mode 0600), whatever the umask. */
    private static java.nio.file.attribute.FileAttribute<?>[] privateFile() {
      return posix("rw-------");
    }

    private static java.nio.file.attribute.FileAttribute<?>[] privateFolder() {
      return posix("rwx------");
    }

    private static java.nio.file.attribute.FileAttribute<?>[] posix(String mode) {
      return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
          ? new java.nio.file.attribute.FileAttribute<?>[] {
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString(mode))
          }
          : new java.nio.file.attribute.FileAttribute<?>[0];
    }

    static FileSegments lock(Path directory) {
      Objects.requireNonNull(directory, "directory");
      Path key;
      try {
        Files.createDirectories(directory, privateFolder());
        key = directory.toRealPath();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open the key-use journal in " + directory, e);
      }
      // Closing any channel to the lock file would drop this process's lock on it (POSIX).
      if (!OPEN_HERE.add(key)) {
        throw new JournalInUseException(
            "the key-use journal in " + directory + " is in use by this keymail process");
      }
      try {
        FileChannel channel =
            FileChannel.open(
                directory.resolve("lock"),
                java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                privateFile());
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
          lock = null;
        }
        if (lock == null) {
          channel.close();
          throw new JournalInUseException(
              "the key-use journal in " + directory + " is in use by another keymail process");
        }
        return new FileSegments(key, channel, lock);
      } catch (IOException | RuntimeException e) {
        // Frees the directory for a later try, whatever the failure, and passes the failure on.
        OPEN_HERE.remove(key);
        if (e instanceof IOException io) {
          throw new UncheckedIOException("cannot open the key-use journal in " + directory, io);
        }
        throw (RuntimeException) e;
      }
    }

    /** This node's id, made on first use and kept in the journal's directory. */
    static UUID nodeId(Path directory) {
      Path file = directory.resolve("node-id");
      try {
        if (Files.exists(file)) {
          return UUID.fromString(Files.readString(file, StandardCharsets.US_ASCII).strip());
        }
        UUID id = UUID.randomUUID();
        Path fresh = directory.resolve("node-id.new");
        Files.deleteIfExists(fresh);
        Files.createFile(fresh, privateFile());
        Files.writeString(fresh, id + "\n", StandardCharsets.US_ASCII);
        Files.move(fresh, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return id;
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalStateException("cannot read the key-use journal's node id in " + file, e);
      }
    }

    @Override
    public List<Long> existing() {
      List<Long> numbers = new ArrayList<>();
      try (var files = Files.list(directory)) {
        files.forEach(
            f -> {
              Matcher m = SEGMENT_NAME.matcher(f.getFileName().toString());
              if (m.matches()) {
                numbers.add(Long.parseLong(m.group(1)));
              }
            });
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list the key-use journal in " + directory, e);
      }
      numbers.sort(null);
      return numbers;
    }

    /**
     * Maps segment {@code number}, first writing a new one out in full: a write through a mapping
     * into a sparse file on a full disk would crash the process (SIGBUS), while a write through the
     * channel fails here with an error the key use can report.
     */
    @Override
    public ByteBuffer map(long number, int size) {
      try (FileChannel channel =
          FileChannel.open(
              file(number),
              java.util.Set.of(
                  StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
              privateFile())) {
        ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
        for (long at = channel.size(); at < size; ) {
          zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
          at += channel.write(zeros, at);
        }
        return channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot map key-use journal segment " + file(number), e);
      }
    }

    @Override
    public void delete(long number) {
      try {
        Files.deleteIfExists(file(number));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete key-use journal segment " + file(number), e);
      }
    }

    @Override
    public void close() {
      try {
        lock.release();
        lockChannel.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot release the key-use journal in " + directory, e);
      } finally {
        OPEN_HERE.remove(directory);
      }
    }

    private Path file(long number) {
      return directory.resolve(String.format("keyuse-%016d.journal", number));
    }
  }
}
