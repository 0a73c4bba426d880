package org.keymail.smime.read;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.keymail.smime.internal.FilePart;
import org.keymail.smime.internal.LayerContent;
import org.keymail.smime.internal.Spool;

/**
 * A message that can be read more than once: an array, or a file that does not change while it is
 * read. Content that is in the message as it came (the signed part of a {@code multipart/signed}
 * message, the body of a message without S/MIME) is then read from the message again when it is
 * needed, instead of being copied to a {@link Spool} on the way through: a large signed message
 * costs no temporary file.
 *
 * <p>Streams opened on a source know where they are in it ({@link Positioned}), which is how the
 * reader finds a layer's range.
 */
abstract sealed class MessageSource {

  /** A stream over part of a source that knows the offset in it of the next byte it gives. */
  interface Positioned {
    MessageSource source();

    /** The offset in the source of the next byte this stream gives. */
    long position();

    /** The offset in the source just after the last byte this stream gives. */
    long end();
  }

  /** The message in {@code message}, which the caller no longer changes. */
  static MessageSource of(byte[] message) {
    return new Bytes(Objects.requireNonNull(message, "message"));
  }

  /**
   * The message in {@code file}, a regular file. A file no larger than a spool keeps in memory is
   * read whole at once; a larger one is read again where needed, after a check that it is still the
   * same file, unchanged ({@link FileIdentity}).
   */
  static MessageSource of(Path file) throws IOException {
    FileIdentity identity = FileIdentity.of(file);
    if (identity.size() <= Spool.MEMORY_LIMIT) {
      return new Bytes(Files.readAllBytes(file));
    }
    return new InFile(file, identity);
  }

  abstract long size();

  /** The source's bytes from {@code offset} on, {@code length} of them. */
  abstract InputStream open(long offset, long length) throws IOException;

  /** The whole message. */
  final InputStream open() throws IOException {
    return open(0, size());
  }

  /**
   * The content {@code prefix} followed by {@code length} of the source's bytes at {@code offset}.
   */
  final LayerContent range(byte[] prefix, long offset, long length) {
    return new Range(this, prefix.clone(), offset, length);
  }

  /** A message in an array. */
  static final class Bytes extends MessageSource {
    private final byte[] message;

    private Bytes(byte[] message) {
      this.message = message;
    }

    @Override
    long size() {
      return message.length;
    }

    @Override
    InputStream open(long offset, long length) {
      return new BytesInput(this, Math.toIntExact(offset), Math.toIntExact(length));
    }

    private static final class BytesInput extends ByteArrayInputStream implements Positioned {
      private final Bytes source;

      BytesInput(Bytes source, int offset, int length) {
        super(source.message, offset, length);
        this.source = source;
      }

      @Override
      public MessageSource source() {
        return source;
      }

      @Override
      public synchronized long position() {
        return pos;
      }

      @Override
      public long end() {
        return count;
      }
    }
  }

  /** A message in a file, checked to be the same file, unchanged, whenever it is opened or ends. */
  static final class InFile extends MessageSource {
    private final Path file;
    private final FileIdentity identity;

    private InFile(Path file, FileIdentity identity) {
      this.file = file;
      this.identity = identity;
    }

    @Override
    long size() {
      return identity.size();
    }

    @Override
    InputStream open(long offset, long length) throws IOException {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      try {
        checkUnchanged();
      } catch (IOException changed) {
        channel.close();
        throw changed;
      }
      return new FileInput(this, new ChannelPart(this, channel, offset, length));
    }

    /**
     * Fails when the file is no longer the one first read or has been written since: what was
     * judged is then not what would be shown.
     */
    void checkUnchanged() throws IOException {
      if (!FileIdentity.of(file).equals(identity)) {
        throw new IOException(
            "the message file "
                + file
                + " was changed or replaced while keymail read it; read it again");
      }
    }

    /** A buffered part of the file that knows where it is. */
    private static final class FileInput extends BufferedInputStream implements Positioned {
      private final InFile source;
      private final ChannelPart part;

      FileInput(InFile source, ChannelPart part) {
        super(part, 1 << 16);
        this.source = source;
        this.part = part;
      }

      @Override
      public MessageSource source() {
        return source;
      }

      @Override
      public synchronized long position() {
        return part.next() - (count - pos);
      }

      @Override
      public long end() {
        return part.end();
      }
    }

    /** A part of the message file, checked to be unchanged at its end (or on a close before). */
    private static final class ChannelPart extends FilePart {
      private final InFile source;

      ChannelPart(InFile source, FileChannel channel, long offset, long length) {
        super(channel, "the message file", offset, length);
        this.source = source;
      }

      @Override
      protected void atEnd() throws IOException {
        source.checkUnchanged();
      }
    }
  }

  /** Part of a source as a layer's content, after some bytes of its own. */
  private static final class Range implements LayerContent {
    private final MessageSource source;
    private final byte[] prefix;
    private final long offset;
    private final long length;
    private boolean closed;

    Range(MessageSource source, byte[] prefix, long offset, long length) {
      this.source = source;
      this.prefix = prefix;
      this.offset = offset;
      this.length = length;
    }

    @Override
    public InputStream open() throws IOException {
      if (closed) {
        throw new IllegalStateException("the message was closed");
      }
      InputStream part = source.open(offset, length);
      return prefix.length == 0
          ? part
          : new SequenceInputStream(new ByteArrayInputStream(prefix), part);
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
