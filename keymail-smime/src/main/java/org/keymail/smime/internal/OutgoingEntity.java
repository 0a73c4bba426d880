package org.keymail.smime.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.keymail.smime.MalformedMessageException;

/**
 * The MIME entity of an outgoing message — its Content-* fields and body — written in the canonical
 * form that S/MIME protects: CRLF line ends, and for {@code multipart/signed} only 7-bit data,
 * re-encoding an 8-bit body as quoted-printable (text) or base64 (anything else) so that no mail
 * server on the way can change the signed bytes (RFC 8551 §3.1.2).
 *
 * <p>Internal: not part of keymail's API.
 */
public final class OutgoingEntity {

  /** How much the transport may be trusted with 8-bit data. */
  public enum Transport {
    /** Inside CMS (opaque signing, encryption): any bytes travel safely. */
    BINARY_SAFE,
    /** In the clear part of multipart/signed: only 7-bit data with short lines. */
    SEVEN_BIT
  }

  private static final int PIECE = 1 << 16;

  private final HeaderBlock contentFields;
  private final InputStream body;

  private OutgoingEntity(HeaderBlock contentFields, InputStream body) {
    this.contentFields = contentFields;
    this.body = body;
  }

  /** The entity of a message whose headers were read from {@code body}'s stream. */
  public static OutgoingEntity of(HeaderBlock messageHeaders, InputStream body) {
    HeaderBlock content = messageHeaders.contentFields();
    if (content.get("Content-Type").isEmpty()) {
      content =
          new HeaderBlock(java.util.List.of())
              .with(HeaderField.of("Content-Type", "text/plain; charset=utf-8"));
      for (HeaderField f : messageHeaders.contentFields().fields()) {
        content = content.with(f);
      }
    }
    return new OutgoingEntity(content, body);
  }

  /** Writes the canonical entity: Content-* fields, the empty line, the body. */
  public void writeCanonical(OutputStream out, Transport transport)
      throws IOException, MalformedMessageException {
    ContentType type = contentFields.contentType();
    String encoding = contentFields.transferEncoding();
    boolean leaf = !type.match("multipart/*") && !type.match("message/*");
    boolean unencoded =
        encoding.equals("7bit") || encoding.equals("8bit") || encoding.equals("binary");
    if (transport == Transport.SEVEN_BIT && leaf && unencoded) {
      writeSevenBitLeaf(out, type, encoding);
      return;
    }
    contentFields.writeTo(out);
    out.write(new byte[] {'\r', '\n'});
    if (encoding.equals("binary")) {
      copy(body, out);
    } else {
      CrlfOutputStream canonical = new CrlfOutputStream(Streams.closeShield(out));
      copy(body, canonical);
      canonical.finish();
    }
  }

  /**
   * Copies in 64 KiB reads: {@code transferTo} reads 16 KiB at a time, which from a buffered file
   * stream is a system call and a copy through the stream's buffer per piece; a read as large as
   * the 64 KiB buffer goes to the file directly.
   */
  private static void copy(InputStream in, OutputStream out) throws IOException {
    byte[] piece = new byte[PIECE];
    int n;
    while ((n = in.read(piece)) >= 0) {
      out.write(piece, 0, n);
    }
  }

  private void writeSevenBitLeaf(OutputStream out, ContentType type, String encoding)
      throws IOException {
    try (Spool spool = new Spool()) {
      boolean sevenBitClean;
      try (OutputStream sink = spool.output()) {
        SevenBitScanner scanner = new SevenBitScanner(sink);
        body.transferTo(scanner);
        sevenBitClean = scanner.isSevenBitClean();
      }
      if (sevenBitClean) {
        contentFields.writeTo(out);
        out.write(new byte[] {'\r', '\n'});
        CrlfOutputStream canonical = new CrlfOutputStream(Streams.closeShield(out));
        try (InputStream in = spool.open()) {
          in.transferTo(canonical);
        }
        canonical.finish();
        return;
      }
      boolean text = type.match("text/*") && !encoding.equals("binary");
      String newEncoding = text ? "quoted-printable" : "base64";
      contentFields
          .without("Content-Transfer-Encoding")
          .with(HeaderField.of("Content-Transfer-Encoding", newEncoding))
          .writeTo(out);
      out.write(new byte[] {'\r', '\n'});
      try (InputStream in = spool.open()) {
        if (text) {
          OutputStream qp = MimeUtility.encode(Streams.closeShield(out), "quoted-printable");
          CrlfOutputStream canonical = new CrlfOutputStream(qp);
          in.transferTo(canonical);
          canonical.finish();
          qp.flush();
        } else {
          try (OutputStream b64 = Streams.base64Encoder(out)) {
            in.transferTo(b64);
          }
          out.write(new byte[] {'\r', '\n'});
        }
      } catch (MessagingException e) {
        throw new IOException("cannot re-encode the body", e);
      }
    }
  }

  /** Passes bytes through and notes whether any is 8-bit, NUL, or on a line over 998 characters. */
  private static final class SevenBitScanner extends OutputStream {
    private final OutputStream out;
    private boolean clean = true;
    private int lineLength; // bytes since the last LF
    private boolean endsInCr; // the last of them is a CR

    SevenBitScanner(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (clean) {
        clean = isSevenBitClean(b, off, off + len);
      }
      out.write(b, off, len);
    }

    /**
     * Looks at the bytes a word at a time, and at each line's length from one LF to the next: at
     * most 998 characters, not counting the CRLF (RFC 5322 §2.1.1).
     */
    private boolean isSevenBitClean(byte[] b, int from, int to) {
      if (LineBreaks.hasEightBitOrNul(b, from, to)) {
        return false;
      }
      int i = from;
      while (true) {
        int lf = LineBreaks.indexOfLf(b, i, to);
        if (lf > i) {
          lineLength += lf - i;
          endsInCr = b[lf - 1] == '\r';
        }
        if (lineLength - (endsInCr ? 1 : 0) > 998) {
          return false;
        }
        if (lf == to) {
          return true;
        }
        lineLength = 0;
        endsInCr = false;
        i = lf + 1;
      }
    }

    boolean isSevenBitClean() {
      return clean;
    }
  }
}
