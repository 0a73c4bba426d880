package org.keymail.cli.bridge.smtp;

import java.util.List;

/** Where the SMTP side hands a client's finished message: everything after DATA is its job. */
@FunctionalInterface
public interface Outbox {

  /**
   * Sends {@code message} (CRLF line ends, dot-stuffing removed) from {@code sender} to {@code
   * recipients}, the addresses of the envelope as the client gave them.
   *
   * @throws NotSentException nothing was sent to anyone; the reply says why
   */
  void send(String sender, List<String> recipients, byte[] message) throws NotSentException;
}
