package org.keymail.bench.smime;

/** The message sizes benchmarked: a short mail, a mail with an attachment, a large attachment. */
public enum MessageSize {
  KB_4(4 * 1024),
  MB_1(1024 * 1024),
  MB_50(50 * 1024 * 1024);

  private final long bytes;

  MessageSize(long bytes) {
    this.bytes = bytes;
  }

  /** The approximate size of the whole message in bytes. */
  public long bytes() {
    return bytes;
  }
}
