package org.keymail.server.webmail.read;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keymail.smime.read.Layer;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.verdict.Verdict;

/**
 * A message as {@link MessageOpening} found it: its outer header, and either what reading it gave
 * (layers, verdict, body, attachments), or that it waits for the PassKey, or why it could not be
 * read. Holds the raw message's temporary file and the engine's spool: close it when the answer is
 * written.
 */
final class OpenedMessage implements AutoCloseable {

  /** Where reading the message ended. */
  enum State {
    /** Read: verdict, body and attachments are known. */
    READ,
    /** Encrypted while the keys are locked: only the outer header is shown. */
    LOCKED,
    /** The engine or the MIME parser refused it: the page says why. */
    FAILED
  }

  private final Path raw;
  private final SharedFileInputStream rawIn;
  private final State state;
  private final Optional<OuterHeader> header;
  private final Optional<ReadResult> result;
  private final Optional<MessageParts> parts;
  private final Optional<String> problem;

  private OpenedMessage(
      Path raw,
      SharedFileInputStream rawIn,
      State state,
      Optional<OuterHeader> header,
      Optional<ReadResult> result,
      Optional<MessageParts> parts,
      Optional<String> problem) {
    this.raw = raw;
    this.rawIn = rawIn;
    this.state = state;
    this.header = header;
    this.result = result;
    this.parts = parts;
    this.problem = problem;
  }

  static OpenedMessage locked(Path raw, SharedFileInputStream rawIn, OuterHeader header) {
    return new OpenedMessage(
        raw,
        rawIn,
        State.LOCKED,
        Optional.of(header),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  static OpenedMessage failed(
      Path raw, SharedFileInputStream rawIn, OuterHeader header, String problem) {
    return new OpenedMessage(
        raw,
        rawIn,
        State.FAILED,
        Optional.of(header),
        Optional.empty(),
        Optional.empty(),
        Optional.of(problem));
  }

  static OpenedMessage unreadable(Path raw, String problem) {
    return new OpenedMessage(
        raw,
        null,
        State.FAILED,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(problem));
  }

  static OpenedMessage read(
      Path raw,
      SharedFileInputStream rawIn,
      OuterHeader header,
      ReadResult result,
      MimeMessage readable,
      boolean walkedRaw) {
    MessageParts parts;
    try {
      parts = MessageParts.of(readable, walkedRaw);
    } catch (MessagingException | IOException | RuntimeException e) {
      // Jakarta Mail fails on some damaged MIME unchecked: damaged all the same.
      result.close();
      return failed(raw, rawIn, header, MessageOpening.DAMAGED_MIME);
    }
    return new OpenedMessage(
        raw,
        rawIn,
        State.READ,
        Optional.of(header),
        Optional.of(result),
        Optional.of(parts),
        Optional.empty());
  }

  State state() {
    return state;
  }

  Optional<OuterHeader> header() {
    return header;
  }

  Optional<String> problem() {
    return problem;
  }

  Optional<MessageParts> parts() {
    return parts;
  }

  /** The signature over the whole message, when it has one: the outermost signed layer's. */
  Optional<Verdict> verdict() {
    return result.flatMap(
        r ->
            r.layers().stream()
                .filter(Layer.Signed.class::isInstance)
                .map(l -> ((Layer.Signed) l).verdict())
                .findFirst());
  }

  /** The encryption that was opened, when the message was encrypted. */
  Optional<Layer.Encrypted> encryption() {
    return result.flatMap(
        r ->
            r.layers().stream()
                .filter(Layer.Encrypted.class::isInstance)
                .map(Layer.Encrypted.class::cast)
                .findFirst());
  }

  /** What the engine and the walk through the parts noticed for the reader. */
  List<String> notes() {
    List<String> notes = new ArrayList<>();
    result.ifPresent(r -> notes.addAll(r.notes()));
    parts.ifPresent(p -> notes.addAll(p.notes()));
    return notes;
  }

  @Override
  public void close() {
    result.ifPresent(ReadResult::close);
    quietly(rawIn, raw);
  }

  static void quietly(SharedFileInputStream in, Path file) {
    try {
      if (in != null) {
        in.close();
      }
    } catch (IOException e) {
      // Closing a read-only file cannot lose anything.
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      file.toFile().deleteOnExit();
    }
  }
}
