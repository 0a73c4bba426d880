package org.keymail.bench.smime;

/**
 * How a message is given to the reader: as a file, which the webmail (the message fetched to its
 * own file) and the command line give, or as a stream, which is read once and spooled.
 */
public enum MessageInput {
  FILE,
  STREAM
}
