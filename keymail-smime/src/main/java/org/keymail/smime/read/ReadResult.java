package org.keymail.smime.read;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.List;
import java.util.Optional;
import org.keymail.smime.internal.HeaderBlock;
import org.keymail.smime.internal.LayerContent;
import org.keymail.smime.verdict.Verdict;

/**
 * What reading a message found: its S/MIME layers from the outside in, each signature's verdict,
 * and the readable message inside. Holds the decrypted content in a {@code Spool} until closed:
 * close it (try-with-resources) so no temporary file outlives its use. A message read from a file
 * or an array may be read from there again until then.
 */
public final class ReadResult implements AutoCloseable {

  private final HeaderBlock messageFields;
  private final List<Layer> layers;
  private final LayerContent content;

  ReadResult(HeaderBlock messageFields, List<Layer> layers, LayerContent content) {
    this.messageFields = messageFields;
    this.layers = List.copyOf(layers);
    this.content = content;
  }

  /** The S/MIME layers, outermost first; empty for a plain message. */
  public List<Layer> layers() {
    return layers;
  }

  /** The notes of every layer, outermost first (see {@link Layer#notes()}). */
  public List<String> notes() {
    return layers.stream().flatMap(l -> l.notes().stream()).toList();
  }

  /** The verdict of the best signer of the outermost signature, when the message is signed. */
  public Optional<Verdict> verdict() {
    return layers.stream()
        .filter(Layer.Signed.class::isInstance)
        .map(l -> ((Layer.Signed) l).verdict())
        .findFirst();
  }

  public boolean isSigned() {
    return layers.stream().anyMatch(Layer.Signed.class::isInstance);
  }

  public boolean isEncrypted() {
    return layers.stream().anyMatch(Layer.Encrypted.class::isInstance);
  }

  /**
   * Writes the readable message: the original message's own header fields (From, To, Subject, …)
   * followed by the innermost MIME entity, exactly as it was signed or encrypted.
   */
  public void writeMessage(OutputStream out) throws IOException {
    try (InputStream in = openMessage()) {
      in.transferTo(out);
    }
    out.flush();
  }

  /** Reads the readable message (see {@link #writeMessage}); may be called more than once. */
  public InputStream openMessage() throws IOException {
    ByteArrayOutputStream fields = new ByteArrayOutputStream();
    messageFields.writeTo(fields);
    if (!layers.isEmpty()) {
      fields.write("MIME-Version: 1.0\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    return new SequenceInputStream(new ByteArrayInputStream(fields.toByteArray()), content.open());
  }

  /** Reads only the innermost MIME entity (its Content-* fields and body). */
  public InputStream openContent() throws IOException {
    return content.open();
  }

  @Override
  public void close() {
    content.close();
  }
}
