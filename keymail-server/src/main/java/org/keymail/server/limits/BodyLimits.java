package org.keymail.server.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.keymail.server.mail.MailProperties;
import org.keymail.server.problem.Problem;
import org.keymail.server.problem.ProblemType;
import org.keymail.server.problem.ProblemWriter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks the body of every request before anything reads it, signed in or not: it must say what it
 * is (one media type, 415 otherwise), and it is capped: a message written in the webmail (its text
 * and attachments, uploaded to {@value #MAIL_UPLOAD}) at {@link MailProperties#maxMessageBytes()}
 * (a finished message sent to {@value #MAIL_SEND} at twice that), other uploads (a PKCS#12 file) at
 * {@link LimitSettings#uploadBytes()}, everything else (JSON, OCSP, forms) at {@link
 * LimitSettings#jsonBytes()}. A declared length over the cap is answered 413 at once; a body sent
 * without a length is counted as it is read and stops with 413 at the cap.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BodyLimits extends OncePerRequestFilter {

  /** Where the webmail's compose form sends a message with its attachments. */
  static final String MAIL_UPLOAD = "/mail/compose";

  /**
   * Where a client sends a finished message: its MIME and CMS encodings make a message of {@link
   * MailProperties#maxMessageBytes()} of text and attachments up to about twice as large.
   */
  static final String MAIL_SEND = "/api/v1/mail/send";

  /** Where an administrator uploads the FIDO Metadata Service BLOB, a few megabytes of JWT. */
  static final String METADATA_UPLOAD = "/admin/authenticators/metadata";

  /** The cap of a metadata BLOB upload: several times the size of the FIDO Alliance's BLOB. */
  static final long METADATA_BYTES = 32L * 1024 * 1024;

  private final LimitSettings settings;
  private final long mailBytes;

  public BodyLimits(LimitSettings settings, MailProperties mail) {
    this.settings = settings;
    this.mailBytes = mail.maxMessageBytes();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String type = request.getContentType();
    if (type != null && !concrete(type)) {
      ProblemWriter.write(
          request,
          response,
          Problem.of(
              ProblemType.UNSUPPORTED_MEDIA_TYPE,
              "The request's Content-Type is not one media type (such as application/json)."));
      return;
    }
    long limit = limitFor(request);
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      ProblemWriter.write(
          request,
          response,
          Problem.of(ProblemType.TOO_LARGE, new RequestTooLargeException(limit).getMessage()));
      return;
    }
    chain.doFilter(new Limited(request, limit), response);
  }

  /** Whether {@code type} names one media type, as a body must (no wildcard, no garbage). */
  private static boolean concrete(String type) {
    try {
      org.springframework.http.MediaType parsed =
          org.springframework.http.MediaType.parseMediaType(type);
      return !parsed.isWildcardType() && !parsed.isWildcardSubtype();
    } catch (org.springframework.http.InvalidMediaTypeException e) {
      return false;
    }
  }

  /** The cap of this request's body. */
  long limitFor(HttpServletRequest request) {
    String type = request.getContentType();
    if (request.getRequestURI().equals(request.getContextPath() + MAIL_SEND)) {
      return 2 * mailBytes;
    }
    boolean upload = type != null && type.regionMatches(true, 0, "multipart/", 0, 10);
    if (upload && request.getRequestURI().equals(request.getContextPath() + MAIL_UPLOAD)) {
      return mailBytes;
    }
    if (upload && request.getRequestURI().equals(request.getContextPath() + METADATA_UPLOAD)) {
      return METADATA_BYTES;
    }
    return upload && request.getRequestURI().startsWith(request.getContextPath() + "/api/")
        ? settings.uploadBytes()
        : settings.jsonBytes();
  }

  /** "64 KiB", "1 MiB". */
  static String readable(long bytes) {
    if (bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MiB";
    }
    if (bytes % 1024 == 0) {
      return bytes / 1024 + " KiB";
    }
    return bytes + " bytes";
  }

  /** The request with its body counted against the cap. */
  private static final class Limited extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream counted;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (counted == null) {
        counted = new Counted(super.getInputStream(), limit);
      }
      return counted;
    }

    @Override
    public java.io.BufferedReader getReader() throws IOException {
      return new java.io.BufferedReader(
          new java.io.InputStreamReader(
              getInputStream(), getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding()));
    }
  }

  private static final class Counted extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private long read;

    Counted(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws RequestTooLargeException {
      read += n;
      if (read > limit) {
        throw new RequestTooLargeException(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
