package org.keymail.cli.smime;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.keymail.cli.CliFailure;
import org.keymail.cli.Terminal;
import org.keymail.smime.SmimeException;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The message a command reads ({@code IN.eml}, {@code -} or nothing for standard input) and where
 * it writes its result ({@code --out F}, else standard output).
 *
 * <p>A file named by {@code --out} is written completely or not at all: the result goes to a
 * temporary file beside it, moved into place only when the command succeeded, so a failed
 * decryption never leaves half a message behind.
 */
final class MessageFiles {

  private static final String STANDARD_INPUT = "-";

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "IN.eml",
      defaultValue = STANDARD_INPUT,
      description = "The message to read; '-' or nothing for standard input.")
  private String input;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "Write the result to FILE instead of standard output.")
  private Path output;

  /** The name of the input, for messages. */
  String inputName() {
    return input.equals(STANDARD_INPUT) ? "standard input" : input;
  }

  InputStream openInput(Terminal terminal) throws CliFailure {
    if (input.equals(STANDARD_INPUT)) {
      return nonClosing(terminal.in());
    }
    Path file = Path.of(input);
    try {
      return new BufferedInputStream(Files.newInputStream(file));
    } catch (NoSuchFileException e) {
      throw new CliFailure("cannot read " + input + ": no such file", e);
    } catch (IOException e) {
      throw new CliFailure("cannot read " + input + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the message with {@code reader}: a file by its path (the content of a large signed
   * message is then read from it again instead of copied to a temporary file), standard input from
   * {@code opened}, the stream {@link #openInput} gave.
   */
  ReadResult read(MessageReader reader, InputStream opened)
      throws SmimeException, IOException, CliFailure {
    if (input.equals(STANDARD_INPUT)) {
      return reader.read(opened);
    }
    try {
      return reader.read(Path.of(input));
    } catch (NoSuchFileException e) {
      throw new CliFailure("cannot read " + input + ": no such file", e);
    }
  }

  /** Whether a result file was asked for with {@code --out}. */
  boolean hasOutputFile() {
    return output != null;
  }

  /** Writes the result to {@code --out}, or to standard output when it was not given. */
  <R> R writeOutput(Terminal terminal, MessageWriting<R> writing)
      throws SmimeException, IOException, CliFailure {
    if (output == null) {
      OutputStream out = new BufferedOutputStream(nonClosing(terminal.out()));
      R report = writing.writeTo(out);
      out.flush();
      return report;
    }
    return writeFile(output, writing);
  }

  /** Writes the result to {@code --out} when it was given, else nowhere. */
  void writeOutputFileIfAsked(MessageWriting<?> writing)
      throws SmimeException, IOException, CliFailure {
    if (output != null) {
      writeFile(output, writing);
    }
  }

  private static <R> R writeFile(Path target, MessageWriting<R> writing)
      throws SmimeException, IOException, CliFailure {
    Path folder = target.toAbsolutePath().getParent();
    Path partial = Files.createTempFile(folder, "." + target.getFileName(), ".partial");
    try {
      R report;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial))) {
        report = writing.writeTo(out);
      }
      moveIntoPlace(partial, target);
      return report;
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private static void moveIntoPlace(Path partial, Path target) throws IOException {
    try {
      Files.move(
          partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  // The terminal's streams belong to the process (or the test), not to one command.
  private static InputStream nonClosing(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public void close() {}
    };
  }

  private static OutputStream nonClosing(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }
}
