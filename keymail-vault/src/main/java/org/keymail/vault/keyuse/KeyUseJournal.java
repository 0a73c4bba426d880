package org.keymail.vault.keyuse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.ObjLongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * A node's append-only journal of key uses, in memory-mapped segment files under its own directory.
 * An {@link #append} is a copy into the operating system's page cache: once it returns, the record
 * survives the keymail process being killed, and the {@link KeyUseAudit} shipper moves it into the
 * database's audit log shortly after. Records are CRC-32C checked, so a record torn by a crash in
 * the middle of its append (whose key use therefore never returned) ends the journal on reopening.
 *
 * <p>A record's place is a position: segment number times the segment size plus its offset in the
 * segment. Positions only grow; {@link #release} deletes segments once everything in them is stored.
 * One process at a time may open a directory (a file lock says so). Safe for use by several threads.
 */
public final class KeyUseJournal implements AutoCloseable {

  /** Records are small (one audit event); anything larger is a bug, not data. */
  static final int MAX_RECORD = 64 * 1024;

  private static final int DEFAULT_SEGMENT_SIZE = 8 * 1024 * 1024;
  private static final int HEADER = 8;
  private static final int NEXT_SEGMENT = -1;
  private static final Pattern SEGMENT_NAME = Pattern.compile("keyuse-(\\d{16})\\.journal");

  private final Segments segments;
  private final int segmentSize;
  private final UUID nodeId;
  private final TreeMap<Long, ByteBuffer> open = new TreeMap<>();
  private long writeAt;
  private long writeSegment = -1;
  private ByteBuffer writeBuffer;
  private volatile long written;
  private boolean sealed;
  private boolean closed;

  private KeyUseJournal(Segments segments, int segmentSize, UUID nodeId) {
    this.segments = segments;
    this.segmentSize = segmentSize;
    this.nodeId = nodeId;
    for (long number : segments.existing()) {
      open.put(number, segments.map(number, segmentSize));
    }
    if (open.isEmpty()) {
      open.put(0L, segments.map(0, segmentSize));
    }
    long last = open.lastKey();
    ByteBuffer tail = open.get(last);
    int end = endOf(tail);
    // Whatever follows the last whole record was torn by a crash; clear it for the next append.
    for (int i = end; i < segmentSize; i++) {
      tail.put(i, (byte) 0);
    }
    this.writeAt = last * segmentSize + end;
    this.written = writeAt;
    mapped(writeAt / segmentSize);
  }

  /**
   * The journal in {@code directory} (created if missing), with this node's id kept beside it.
   *
   * @throws IllegalStateException when another process has the directory open
   */
  public static KeyUseJournal open(Path directory) {
    return open(directory, DEFAULT_SEGMENT_SIZE);
  }

  static KeyUseJournal open(Path directory, int segmentSize) {
    return new KeyUseJournal(FileSegments.lock(directory), segmentSize, FileSegments.nodeId(directory));
  }

  /**
   * A journal that lives only in this process's memory, for tests and throw-away vaults: what it
   * holds is lost with the process, so a crash can lose key uses' audit events.
   */
  public static KeyUseJournal inMemory() {
    return new KeyUseJournal(new HeapSegments(), DEFAULT_SEGMENT_SIZE, UUID.randomUUID());
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
  public synchronized long append(byte[] record) {
    if (sealed || closed) {
      throw new IllegalStateException("the key-use journal takes no more records");
    }
    if (record.length == 0 || record.length > Math.min(MAX_RECORD, segmentSize - HEADER)) {
      throw new IllegalArgumentException("a journal record has 1 to " + MAX_RECORD + " bytes");
    }
    long segment = writeAt / segmentSize;
    int offset = (int) (writeAt % segmentSize);
    if (offset + HEADER + record.length > segmentSize) {
      if (offset + 4 <= segmentSize) {
        mapped(segment).putInt(offset, NEXT_SEGMENT);
      }
      segment++;
      offset = 0;
    }
    ByteBuffer buffer = mapped(segment);
    CRC32C crc = new CRC32C();
    crc.update(record);
    buffer.put(offset + HEADER, record);
    buffer.putInt(offset + 4, (int) crc.getValue());
    // The length goes last: a reader after a crash sees either no record or a whole one.
    buffer.putInt(offset, record.length);
    writeAt = segment * segmentSize + offset + HEADER + record.length;
    // A record that fills its segment exactly leaves the next one to write in: map it now, so
    // that the segment holding the write position is always there to read and keep.
    mapped(writeAt / segmentSize);
    written = writeAt;
    return writeAt;
  }

  /** Takes no more records; those appended so far can still be read and released. */
  public synchronized void seal() {
    sealed = true;
  }

  private ByteBuffer mapped(long segment) {
    if (segment != writeSegment) {
      writeBuffer = open.computeIfAbsent(segment, n -> segments.map(n, segmentSize));
      writeSegment = segment;
    }
    return writeBuffer;
  }

  /** The position after the last record appended. */
  public long written() {
    return written;
  }

  /** The position of the first record still held. */
  public synchronized long start() {
    return open.firstKey() * segmentSize;
  }

  /**
   * Hands each record from {@code from} up to {@code to} (both positions this journal gave out) to
   * {@code reader}, with the position after it, oldest first, at most {@code max} of them.
   *
   * @return the position after the last record handed over
   */
  public long read(long from, long to, int max, ObjLongConsumer<byte[]> reader) {
    Map<Long, ByteBuffer> held;
    synchronized (this) {
      held = new TreeMap<>(open);
    }
    long at = Math.max(from, held.keySet().iterator().next() * segmentSize);
    int count = 0;
    while (at < to && count < max) {
      ByteBuffer buffer = held.get(at / segmentSize);
      int offset = (int) (at % segmentSize);
      int length = offset + 4 <= segmentSize ? buffer.getInt(offset) : NEXT_SEGMENT;
      if (length == NEXT_SEGMENT || length == 0) {
        at = (at / segmentSize + 1) * segmentSize;
        continue;
      }
      byte[] record = new byte[length];
      buffer.get(offset + HEADER, record);
      at += HEADER + length;
      reader.accept(record, at);
      count++;
    }
    return at;
  }

  /** Deletes the segments that hold only records before {@code position}. */
  public synchronized void release(long position) {
    long keepFrom = Math.min(position, writeAt) / segmentSize;
    List<Long> done = new ArrayList<>(open.headMap(keepFrom).keySet());
    for (long number : done) {
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

  /** The offset after the last whole record of {@code buffer}. */
  private int endOf(ByteBuffer buffer) {
    int offset = 0;
    while (offset + HEADER <= segmentSize) {
      int length = buffer.getInt(offset);
      if (length <= 0 || length > MAX_RECORD || offset + HEADER + length > segmentSize) {
        return offset;
      }
      byte[] record = new byte[length];
      buffer.get(offset + HEADER, record);
      CRC32C crc = new CRC32C();
      crc.update(record);
      if ((int) crc.getValue() != buffer.getInt(offset + 4)) {
        return offset;
      }
      offset += HEADER + length;
    }
    return offset;
  }

  /** Where segments live. */
  private interface Segments {
    List<Long> existing();

    ByteBuffer map(long number, int size);

    void delete(long number);

    void close();
  }

  private static final class HeapSegments implements Segments {
    @Override
    public List<Long> existing() {
      return List.of();
    }

    @Override
    public ByteBuffer map(long number, int size) {
      return ByteBuffer.allocate(size);
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

    static FileSegments lock(Path directory) {
      Objects.requireNonNull(directory, "directory");
      Path key;
      try {
        Files.createDirectories(directory);
        key = directory.toRealPath();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open the key-use journal in " + directory, e);
      }
      // Closing any channel to the lock file would drop this process's lock on it (POSIX).
      if (!OPEN_HERE.add(key)) {
        throw new IllegalStateException(
            "the key-use journal in " + directory + " is in use by this keymail process");
      }
      try {
        FileChannel channel =
            FileChannel.open(
                directory.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
          lock = null;
        }
        if (lock == null) {
          channel.close();
          throw new IllegalStateException(
              "the key-use journal in " + directory + " is in use by another keymail process");
        }
        return new FileSegments(key, channel, lock);
      } catch (IOException | RuntimeException e) {
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

    @Override
    public ByteBuffer map(long number, int size) {
      try (FileChannel channel =
          FileChannel.open(
              file(number),
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE)) {
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
