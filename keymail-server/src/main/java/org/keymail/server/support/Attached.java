package org.keymail.server.support;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One file of a support report: its name, type and exact bytes, and the SHA-256 of those bytes that
 * the report's text states, so support can tell it arrived unaltered.
 */
final class Attached {

  private final String name;
  private final String contentType;
  private final byte[] content;

  Attached(String name, String contentType, byte[] content) {
    this.name = name;
    this.contentType = contentType;
    this.content = content.clone();
  }

  String name() {
    return name;
  }

  String contentType() {
    return contentType;
  }

  byte[] content() {
    return content.clone();
  }

  /** What the report's text and the page show of it. */
  Summary summary() {
    try {
      return new Summary(
          name,
          content.length,
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** An attachment as shown: name, size in bytes, SHA-256 in hex. */
  record Summary(String name, long bytes, String sha256) {}
}
