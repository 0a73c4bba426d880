package org.keymail.vault.keyuse;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.session.SessionId;

/**
 * One key use as the journal holds it: its audit event, when it happened (to the microsecond, as
 * the databases store it) and the unlock session it was done under, if any.
 */
record KeyUseRecord(AuditEvent event, Instant at, SessionId session) {

  static final int VERSION = 1;

  /** Where a record's time (microseconds since 1970) sits: after its version byte. */
  static final int TIME_OFFSET = 1;

  /** Where the rest — everything but version and time — starts. */
  static final int REST_OFFSET = TIME_OFFSET + 8;

  byte[] encode() {
    return stamped(template(event, session), at);
  }

  /**
   * {@code template} (from {@link #template}) with time {@code at}: how a key use's record is made,
   * since everything else about it is known before the use.
   */
  static byte[] stamped(byte[] template, Instant at) {
    byte[] record = template.clone();
    ByteBuffer.wrap(record).putLong(TIME_OFFSET, ChronoUnit.MICROS.between(Instant.EPOCH, at));
    return record;
  }

  /** The time of {@code record}, as written. */
  static Instant timeOf(byte[] record) {
    if (record.length < REST_OFFSET) {
      throw new IllegalArgumentException("a key-use record of " + record.length + " bytes");
    }
    return Instant.EPOCH.plus(ByteBuffer.wrap(record).getLong(TIME_OFFSET), ChronoUnit.MICROS);
  }

  /** The record of {@code event} under {@code session}, its time left at zero. */
  static byte[] template(AuditEvent event, SessionId session) {
    byte[] operation = utf8(event.operation());
    byte[] object = utf8(event.object());
    byte[] client = utf8(event.clientAddress());
    byte[] detail = utf8(event.detail());
    int size =
        1
            + 8
            + uuidSize(event.userId())
            + uuidSize(event.passkeyId())
            + 1
            + (session == null ? 0 : 32)
            + textSize(operation)
            + textSize(object)
            + textSize(client)
            + 1
            + textSize(detail);
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put((byte) VERSION);
    out.putLong(0);
    uuid(out, event.userId());
    uuid(out, event.passkeyId());
    if (session == null) {
      out.put((byte) 0);
    } else {
      out.put((byte) 1);
      out.put(session.hash());
    }
    text(out, operation);
    text(out, object);
    text(out, client);
    out.put((byte) event.result().ordinal());
    text(out, detail);
    return out.array();
  }

  private static byte[] utf8(String value) {
    return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
  }

  private static int uuidSize(UUID id) {
    return id == null ? 1 : 17;
  }

  private static int textSize(byte[] utf8) {
    return 4 + (utf8 == null ? 0 : utf8.length);
  }

  private static void uuid(ByteBuffer out, UUID id) {
    if (id == null) {
      out.put((byte) 0);
      return;
    }
    out.put((byte) 1);
    out.putLong(id.getMostSignificantBits());
    out.putLong(id.getLeastSignificantBits());
  }

  private static void text(ByteBuffer out, byte[] utf8) {
    if (utf8 == null) {
      out.putInt(-1);
      return;
    }
    out.putInt(utf8.length);
    out.put(utf8);
  }

  /**
   * @throws IllegalArgumentException for bytes no journal wrote
   */
  static KeyUseRecord decode(byte[] record) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalArgumentException("a key-use record of unknown version " + version);
      }
      Instant at = Instant.EPOCH.plus(in.readLong(), ChronoUnit.MICROS);
      UUID user = uuid(in);
      UUID passkey = uuid(in);
      SessionId session = null;
      if (in.readUnsignedByte() == 1) {
        byte[] hash = new byte[32];
        in.readFully(hash);
        session = SessionId.ofHash(hash);
      }
      String operation = text(in);
      String object = text(in);
      String client = text(in);
      AuditResult result = AuditResult.values()[in.readUnsignedByte()];
      String detail = text(in);
      if (in.available() > 0) {
        throw new IOException(in.available() + " bytes after the record");
      }
      return new KeyUseRecord(
          new AuditEvent(user, passkey, operation, object, client, result, detail), at, session);
    } catch (IOException | RuntimeException e) {
      // A damaged record can break the reading anywhere (bad enum index, bad UTF-8): all alike.
      throw new IllegalArgumentException("a damaged key-use record: " + e.getMessage(), e);
    }
  }

  private static UUID uuid(DataInputStream in) throws IOException {
    return in.readUnsignedByte() == 0 ? null : new UUID(in.readLong(), in.readLong());
  }

  private static String text(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length == -1) {
      return null;
    }
    if (length < 0 || length > KeyUseJournal.MAX_RECORD) {
      throw new IOException("a text of " + length + " bytes");
    }
    byte[] utf8 = new byte[length];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
