package org.keymail.cli.client;

import java.nio.file.Path;
import org.keymail.smime.CertificateFingerprint;

/**
 * The server showed another certificate than the one pinned the first time: someone may be in
 * between. The CLI refuses to talk to it until the person removes the old pin on purpose.
 */
public final class CertificateChangedException extends Exception {
  private static final long serialVersionUID = 1L;

  CertificateChangedException(String server, String pinned, String seen, Path knownServers) {
    super(
        "the certificate of "
            + server
            + " has changed (SHA-256 now "
            + CertificateFingerprint.readable(seen)
            + ", remembered "
            + CertificateFingerprint.readable(pinned)
            + "): keymail refuses to connect. If the server's certificate was replaced on purpose,"
            + " delete its line from "
            + knownServers
            + " or give --trust-server-cert FILE");
  }
}
