package org.keymail.smime.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * One layer's content, held between the steps of reading a message and readable as often as needed
 * until closed: a {@link Spool} of what was decrypted or unpacked, or a range of a message that can
 * itself be read again.
 *
 * <p>Internal: not part of keymail's API.
 */
public interface LayerContent extends AutoCloseable {

  /** Reads the content from the start. */
  InputStream open() throws IOException;

  /** Frees what the content holds; it cannot be read afterwards. */
  @Override
  void close();
}
