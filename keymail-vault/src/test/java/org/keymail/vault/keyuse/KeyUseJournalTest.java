package org.keymail.vault.keyuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.testing.ChildJvm;
import org.keymail.testing.ExternalProgram;
import org.keymail.testing.ProcessResult;
import org.keymail.testing.RunningProcess;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.session.SessionId;

/**
 * The key-use journal keeps what was appended, in order, at the positions it gave out: across
 * segment files, across closing and reopening its directory, and past a record torn by a crash,
 * which ends the journal and is overwritten by the next append. One process at a time holds a
 * directory, which keeps its node id. A {@link KeyUseRecord} reads back exactly as it was written,
 * and bytes no journal wrote are refused.
 */
class KeyUseJournalTest {

  private static final int SEGMENT = 4096;
  private static final int HEADER = 8;

  @TempDir Path dir;

  @Test
  void appendedRecordsReadBackInOrderAtTheirPositions() {
    try (KeyUseJournal journal = KeyUseJournal.open(dir)) {
      long start = journal.written();
      List<Long> positions = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        positions.add(journal.append(record(i, 10 + i)));
        assertThat(journal.written()).isEqualTo(positions.get(i));
      }

      assertThat(start).isZero();
      // Each slot is an 8-byte header and the record rounded up to whole 4-byte words.
      assertThat(positions).containsExactly(20L, 40L, 60L, 84L, 108L);
      List<Read> read = readAll(journal, 0);
      assertThat(read).extracting(Read::text).containsExactly("0", "1", "2", "3", "4");
      assertThat(read).extracting(Read::after).containsExactlyElementsOf(positions);
    }
  }

  @Test
  void readHandsOverAtMostMaxRecordsAndSaysWhereItStopped() {
    try (KeyUseJournal journal = KeyUseJournal.open(dir)) {
      journal.append(record(0, 20));
      long second = journal.append(record(1, 20));
      journal.append(record(2, 20));

      List<Read> read = new ArrayList<>();
      long end =
          journal.read(0, journal.written(), 2, (bytes, after) -> read.add(read(bytes, after)));

      assertThat(read).extracting(Read::text).containsExactly("0", "1");
      assertThat(end).isEqualTo(second);
      assertThat(readAll(journal, end)).extracting(Read::text).containsExactly("2");
    }
  }

  @Test
  void appendsRollOverIntoNewSegmentsAndReadAcrossThem() {
    try (KeyUseJournal journal = KeyUseJournal.open(dir, SEGMENT)) {
      List<Long> positions = appendTwenty(journal);

      assertThat(segmentFiles()).hasSizeGreaterThanOrEqualTo(5);
      List<Read> read = readAll(journal, 0);
      assertThat(read).extracting(Read::text).containsExactlyElementsOf(texts(0, 20));
      assertThat(read).extracting(Read::after).containsExactlyElementsOf(positions);
    }
  }

  @Test
  void releaseDeletesOnlySegmentsWhollyBeforeThePosition() {
    try (KeyUseJournal journal = KeyUseJournal.open(dir, SEGMENT)) {
      List<Long> positions = appendTwenty(journal);
      // Four records of 1008 bytes fill a segment: record 10 is the third of segment 2.
      long beforeTen = positions.get(9);
      assertThat(beforeTen / SEGMENT).isEqualTo(2);

      journal.release(beforeTen);

      assertThat(segmentFiles())
          .doesNotContain(segment(0), segment(1))
          .contains(segment(2), segment(3), segment(4));
      assertThat(journal.start()).isEqualTo(2L * SEGMENT);
      assertThat(readAll(journal, beforeTen))
          .extracting(Read::text)
          .containsExactlyElementsOf(texts(10, 20));
      assertThat(readAll(journal, 0))
          .extracting(Read::text)
          .containsExactlyElementsOf(texts(8, 20));
    }
  }

  @Test
  void reopeningContinuesAfterTheLastWholeRecord() {
    long end;
    try (KeyUseJournal journal = KeyUseJournal.open(dir, SEGMENT)) {
      appendTwenty(journal);
      end = journal.written();
    }

    try (KeyUseJournal journal = KeyUseJournal.open(dir, SEGMENT)) {
      assertThat(journal.written()).isEqualTo(end);
      long after = journal.append(record(20, 1000));

      assertThat(after).isGreaterThan(end);
      assertThat(readAll(journal, 0))
          .extracting(Read::text)
          .containsExactlyElementsOf(texts(0, 21));
    }
  }

  @Test
  void reopeningAfterReleaseContinuesInTheKeptSegments() {
    long end;
    try (KeyUseJournal journal = KeyUseJournal.open(dir, SEGMENT)) {
      List<Long> positions = appendTwenty(journal);
      journal.release(positions.get(9));
      end = journal.written();
    }

    try (KeyUseJournal journal = KeyUseJournal.open(dir, SEGMENT)) {
      assertThat(journal.start()).isEqualTo(2L * SEGMENT);
      assertThat(journal.written()).isEqualTo(end);
      journal.append(record(20, 1000));

      assertThat(readAll(journal, 0))
          .extracting(Read::text)
          .containsExactlyElementsOf(texts(8, 21));
    }
  }

  @Test
  void slotClaimedButNeverCommittedIsSkippedAndTheJournalGoesOnAfterIt() throws IOException {
    long end = journalOfThree();
    ByteBuffer torn = ByteBuffer.allocate(HEADER + 100);
    torn.putInt(100).putInt(0x12345678);
    torn.put(new byte[100]).flip();
    writeAt(end, torn);

    assertReopensAt(end + slot(100), 3);
  }

  @Test
  void recordCommittedAfterASlotNeverCommittedIsKept() throws IOException {
    long end = journalOfThree();
    try (KeyUseJournal journal = KeyUseJournal.open(dir, SEGMENT)) {
      journal.append(record(3, 50));
      journal.append(record(4, 50));
    }
    // As if the appender of record 3 was killed between claiming its slot and committing it,
    // while the appender of record 4 finished (and its key use returned).
    writeAt(end + 4, ByteBuffer.allocate(4));

    try (KeyUseJournal journal = KeyUseJournal.open(dir, SEGMENT)) {
      assertThat(journal.written()).isEqualTo(end + 2L * slot(50));
      assertThat(readAll(journal, 0)).extracting(Read::text).containsExactly("0", "1", "2", "4");
    }
  }

  @Test
  void headerLongerThanTheSegmentAfterTheLastRecordIsNotReadAndIsOverwritten() throws IOException {
    long end = journalOfThree();
    ByteBuffer torn = ByteBuffer.allocate(HEADER + 16);
    torn.putInt(SEGMENT).putInt(0);
    torn.put("half of a record".getBytes(StandardCharsets.US_ASCII)).flip();
    writeAt(end, torn);

    assertReopensAt(end, 3);
  }

  @Test
  void lastRecordWithDamagedPayloadIsSkipped() throws IOException {
    long end = journalOfThree();
    long lastStart = end - slot(50);
    writeAt(lastStart + HEADER + 10, ByteBuffer.wrap(new byte[20]));

    assertReopensAt(end, 2);
  }

  @Test
  void secondOpenOfADirectoryInUseIsRefused() {
    try (KeyUseJournal journal = KeyUseJournal.open(dir)) {
      assertThatThrownBy(() -> KeyUseJournal.open(dir))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("in use");
      assertThatThrownBy(() -> KeyUseJournal.open(dir, SEGMENT))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("in use");
      journal.append(record(0, 10));
    }
    try (KeyUseJournal again = KeyUseJournal.open(dir)) {
      assertThat(readAll(again, 0)).extracting(Read::text).containsExactly("0");
    }
  }

  @Test
  void recordsThatFillTheirSegmentExactlyAreFollowedByTheNext() {
    int fills = SEGMENT / 2 - HEADER;
    long boundary;
    try (KeyUseJournal journal = KeyUseJournal.open(dir, SEGMENT)) {
      journal.append(record(0, fills));
      boundary = journal.append(record(1, fills));
      assertThat(boundary).isEqualTo(SEGMENT);
      journal.append(record(2, 10));
      journal.release(boundary);

      assertThat(journal.start()).isEqualTo(SEGMENT);
      assertThat(readAll(journal, boundary)).extracting(Read::text).containsExactly("2");
    }
    try (KeyUseJournal journal = KeyUseJournal.open(dir, SEGMENT)) {
      journal.append(record(3, fills));
      journal.append(record(4, fills - HEADER - 12));
      long full = journal.written();
      assertThat(full).isEqualTo(2L * SEGMENT);
      // Everything stored: the shipper releases up to the end, and the journal goes on.
      journal.release(full);
      assertThat(journal.start()).isEqualTo(full);
      journal.append(record(5, 10));
      assertThat(readAll(journal, full)).extracting(Read::text).containsExactly("5");
    }
    try (KeyUseJournal journal = KeyUseJournal.open(dir, SEGMENT)) {
      assertThat(readAll(journal, 0)).extracting(Read::text).containsExactly("5");
      journal.append(record(6, 10));
    }
  }

  @Test
  void aRefusedSecondOpenKeepsTheFirstOnesLockAgainstOtherProcesses() throws Exception {
    try (KeyUseJournal journal = KeyUseJournal.open(dir)) {
      assertThatThrownBy(() -> KeyUseJournal.open(dir)).isInstanceOf(IllegalStateException.class);

      try (RunningProcess other = ChildJvm.of(JournalOpener.class, dir.toString()).start()) {
        assertThat(other.awaitLine("refused")).contains("in use by another keymail process");
      }
    }
    try (RunningProcess other = ChildJvm.of(JournalOpener.class, dir.toString()).start()) {
      assertThat(other.awaitLine("opened")).isEqualTo("opened");
    }
  }

  /** Opens a journal directory in a process of its own and says how that went. */
  public static final class JournalOpener {
    public static void main(String[] args) {
      try (KeyUseJournal journal = KeyUseJournal.open(Path.of(args[0]))) {
        System.out.println("opened");
      } catch (IllegalStateException e) {
        System.out.println("refused: " + e.getMessage());
      }
    }
  }

  @Test
  void manyThreadsAppendingAtOnceLoseAndRepeatNothingAcrossSegments() throws Exception {
    int threads = 16;
    int each = 400;
    List<Long> positions = java.util.Collections.synchronizedList(new ArrayList<>());
    try (KeyUseJournal journal = KeyUseJournal.open(dir, SEGMENT)) {
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(threads);
      try {
        List<java.util.concurrent.Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          work.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < each; i++) {
                      // Sizes vary so that slots end anywhere, segment boundaries included.
                      positions.add(
                          journal.append(record(thread * each + i, 13 + (i * 7 + thread) % 90)));
                    }
                  }));
        }
        for (java.util.concurrent.Future<?> w : work) {
          w.get();
        }
      } finally {
        pool.shutdownNow();
      }
      List<Read> read = readAll(journal, 0);

      assertThat(read).hasSize(threads * each);
      assertThat(read)
          .extracting(Read::text)
          .containsExactlyInAnyOrderElementsOf(texts(0, threads * each));
      assertThat(read).extracting(Read::after).containsExactlyInAnyOrderElementsOf(positions);
      assertThat(segmentFiles().size()).isGreaterThan(10);
    }
    try (KeyUseJournal journal = KeyUseJournal.open(dir, SEGMENT)) {
      assertThat(readAll(journal, 0)).hasSize(threads * each);
    }
  }

  @Test
  void newSegmentsAreWrittenOutInFullNotLeftSparse() throws Exception {
    int sixteenPages = 64 * 1024;
    try (KeyUseJournal journal = KeyUseJournal.open(dir, sixteenPages)) {
      // 65 records fill the first segment; the next five touch two pages of the second.
      for (int i = 0; i < 70; i++) {
        journal.append(record(i, 1000));
      }
    }
    assertThat(segmentFiles()).hasSize(2);
    for (String name : segmentFiles()) {
      Path segment = dir.resolve(name);
      // Blocks really allocated, as stat(1) reports them: a mapped write never needs a new one.
      ProcessResult stat = ExternalProgram.command("stat", "-c", "%b %B", segment.toString()).run();
      assertThat(stat.exitCode()).as(stat.describe()).isZero();
      String[] blocks = stat.out().trim().split(" ");
      assertThat(Files.size(segment)).isEqualTo(sixteenPages);
      assertThat(Long.parseLong(blocks[0]) * Long.parseLong(blocks[1]))
          .as(name)
          .isGreaterThanOrEqualTo(sixteenPages);
    }
  }

  @Test
  void aSegmentPreparedAheadIsWhereAppendsGoOnAfterReopening() {
    try (KeyUseJournal journal = KeyUseJournal.open(dir, SEGMENT)) {
      journal.append(record(0, 1000));
      journal.prepareNext();
      assertThat(segmentFiles()).hasSize(1); // less than half full: nothing prepared yet
      journal.append(record(1, 1000));
      journal.append(record(2, 1000));
      journal.prepareNext();
      assertThat(segmentFiles()).hasSize(2);
    }
    try (KeyUseJournal journal = KeyUseJournal.open(dir, SEGMENT)) {
      long next = journal.append(record(3, 10));

      assertThat(next).isEqualTo(SEGMENT + slot(10));
      assertThat(readAll(journal, 0)).extracting(Read::text).containsExactly("0", "1", "2", "3");
    }
    try (KeyUseJournal journal = KeyUseJournal.open(dir, SEGMENT)) {
      assertThat(readAll(journal, 0)).extracting(Read::text).containsExactly("0", "1", "2", "3");
    }
  }

  @Test
  void nodeIdStaysWithItsDirectory(@TempDir Path other) {
    UUID first;
    try (KeyUseJournal journal = KeyUseJournal.open(dir)) {
      first = journal.nodeId();
    }
    try (KeyUseJournal journal = KeyUseJournal.open(dir);
        KeyUseJournal elsewhere = KeyUseJournal.open(other);
        KeyUseJournal inMemory = KeyUseJournal.inMemory()) {
      assertThat(journal.nodeId()).isEqualTo(first);
      assertThat(elsewhere.nodeId()).isNotEqualTo(first);
      assertThat(inMemory.nodeId()).isNotIn(first, elsewhere.nodeId());
    }
  }

  @Test
  void emptyAndOversizedRecordsAreRefused() {
    try (KeyUseJournal journal = KeyUseJournal.open(dir)) {
      assertThatThrownBy(() -> journal.append(new byte[0]))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> journal.append(new byte[64 * 1024 + 1]))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(journal.written()).isZero();

      byte[] largest = new byte[64 * 1024];
      Arrays.fill(largest, (byte) 7);
      assertThat(journal.append(largest)).isEqualTo(HEADER + 64 * 1024);
    }
  }

  @Test
  void appendAfterSealOrCloseIsRefused() {
    KeyUseJournal journal = KeyUseJournal.open(dir);
    journal.append(record(0, 10));
    journal.seal();

    assertThatThrownBy(() -> journal.append(record(1, 10)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no more records");
    assertThat(readAll(journal, 0)).extracting(Read::text).containsExactly("0");
    journal.close();
    assertThatThrownBy(() -> journal.append(record(2, 10)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no more records");
  }

  @Test
  void keyUseRecordWithEveryFieldReadsBackAsWritten() {
    KeyUseRecord record =
        new KeyUseRecord(
            new AuditEvent(
                UUID.fromString("00000000-0000-0000-0000-0000000000a1"),
                UUID.fromString("00000000-0000-0000-0000-0000000000b2"),
                "SIGN",
                "key 17 – Schlüssel für Jürgen, 署名鍵",
                "2001:db8::7",
                AuditResult.DENIED,
                "session ended on node ø 🗝"),
            Instant.parse("2026-11-26T14:17:00.123456Z"),
            session(5));

    assertThat(KeyUseRecord.decode(record.encode())).isEqualTo(record);
  }

  @Test
  void keyUseRecordWithoutOptionalFieldsReadsBackAsWritten() {
    KeyUseRecord record =
        new KeyUseRecord(
            new AuditEvent(null, null, "DECRYPT", null, null, AuditResult.SUCCESS, null),
            Instant.parse("1969-07-20T20:17:40.000001Z"),
            null);

    assertThat(KeyUseRecord.decode(record.encode())).isEqualTo(record);
  }

  @Test
  void keyUseRecordDistinguishesEmptyFromMissingText() {
    KeyUseRecord record =
        new KeyUseRecord(
            new AuditEvent(null, null, "SIGN", "", "", AuditResult.FAILURE, ""),
            Instant.parse("2026-11-26T14:17:00Z"),
            null);

    KeyUseRecord read = KeyUseRecord.decode(record.encode());

    assertThat(read).isEqualTo(record);
    assertThat(read.event().detail()).isEmpty();
  }

  @Test
  void everyTruncationOfAKeyUseRecordIsRefused() {
    byte[] whole =
        new KeyUseRecord(
                new AuditEvent(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    "SIGN",
                    "key 3",
                    "192.0.2.7",
                    AuditResult.SUCCESS,
                    "détail"),
                Instant.parse("2026-11-26T14:17:00Z"),
                session(9))
            .encode();

    for (int length = 0; length < whole.length; length++) {
      byte[] truncated = Arrays.copyOf(whole, length);
      assertThatThrownBy(() -> KeyUseRecord.decode(truncated))
          .as("the first %d of %d bytes", length, whole.length)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void bytesNoJournalWroteAreRefused() {
    byte[] valid =
        new KeyUseRecord(
                AuditEvent.of(null, "SIGN", "key 3", AuditResult.SUCCESS),
                Instant.parse("2026-11-26T14:17:00Z"),
                null)
            .encode();
    byte[] unknownVersion = valid.clone();
    unknownVersion[0] = 9;
    byte[] unknownResult = valid.clone();
    unknownResult[unknownResult.length - 5] = 3; // the result's ordinal precedes the missing detail
    byte[] negativeLength = valid.clone();
    // The operation's length follows version, time, no user, no PassKey and no session.
    ByteBuffer.wrap(negativeLength).putInt(1 + 8 + 1 + 1 + 1, -2);

    assertThat(KeyUseRecord.decode(valid).event().operation()).isEqualTo("SIGN");
    for (byte[] garbage :
        List.of(
            unknownVersion,
            unknownResult,
            negativeLength,
            "not a key use".getBytes(StandardCharsets.US_ASCII),
            new byte[] {1})) {
      assertThatThrownBy(() -> KeyUseRecord.decode(garbage))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key-use record");
    }
  }

  /** The room a record of {@code length} bytes takes: header, record, padding to 4 bytes. */
  private static long slot(int length) {
    return HEADER + ((length + 3) & ~3);
  }

  /** Three records of 50 bytes in a journal with small segments, closed; returns its end. */
  private long journalOfThree() {
    try (KeyUseJournal journal = KeyUseJournal.open(dir, SEGMENT)) {
      for (int i = 0; i < 3; i++) {
        journal.append(record(i, 50));
      }
      return journal.written();
    }
  }

  /**
   * Reopens the journal: it ends at {@code end}, after {@code whole} records, and appends there.
   */
  private void assertReopensAt(long end, int whole) {
    try (KeyUseJournal journal = KeyUseJournal.open(dir, SEGMENT)) {
      assertThat(journal.written()).isEqualTo(end);
      byte[] next = record(99, 30);

      assertThat(journal.append(next)).isEqualTo(end + slot(next.length));
      List<String> expected = new ArrayList<>(texts(0, whole));
      expected.add("99");
      assertThat(readAll(journal, 0)).extracting(Read::text).containsExactlyElementsOf(expected);
    }
  }

  private void writeAt(long position, ByteBuffer bytes) throws IOException {
    try (FileChannel file =
        FileChannel.open(dir.resolve(segment(position / SEGMENT)), StandardOpenOption.WRITE)) {
      file.write(bytes, position % SEGMENT);
    }
  }

  /** Twenty records of 1000 bytes (1008 with their header): four to a segment of 4096 bytes. */
  private static List<Long> appendTwenty(KeyUseJournal journal) {
    List<Long> positions = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      positions.add(journal.append(record(i, 1000)));
    }
    return positions;
  }

  /** A record of {@code length} bytes that starts with {@code number} and a space. */
  private static byte[] record(int number, int length) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) '.');
    byte[] name = (number + " ").getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(name, 0, bytes, 0, name.length);
    return bytes;
  }

  private static Read read(byte[] bytes, long after) {
    String text = new String(bytes, StandardCharsets.US_ASCII);
    return new Read(text.substring(0, text.indexOf(' ')), after);
  }

  private static List<Read> readAll(KeyUseJournal journal, long from) {
    List<Read> read = new ArrayList<>();
    journal.read(
        from, journal.written(), Integer.MAX_VALUE, (b, after) -> read.add(read(b, after)));
    return read;
  }

  private static List<String> texts(int from, int to) {
    List<String> texts = new ArrayList<>();
    for (int i = from; i < to; i++) {
      texts.add(Integer.toString(i));
    }
    return texts;
  }

  private List<String> segmentFiles() {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".journal"))
          .toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String segment(long number) {
    return String.format("keyuse-%016d.journal", number);
  }

  static SessionId session(int seed) {
    byte[] hash = new byte[32];
    Arrays.fill(hash, (byte) seed);
    return SessionId.ofHash(hash);
  }

  private record Read(String text, long after) {}
}
