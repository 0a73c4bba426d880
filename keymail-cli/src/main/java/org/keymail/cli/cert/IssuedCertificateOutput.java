package org.keymail.cli.cert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.keymail.cli.Terminal;

/**
 * Where an issued certificate (PEM) goes: a file named with {@code --out}, written whole or not at
 * all, else standard output, so {@code keymail cert request --csr me.csr > me.pem} works too.
 */
final class IssuedCertificateOutput {

  private IssuedCertificateOutput() {}

  static void write(Terminal terminal, Path out, String pem) throws IOException {
    if (out == null) {
      terminal.out().print(pem);
      terminal.out().flush();
      return;
    }
    Path folder = out.toAbsolutePath().getParent();
    Path partial = Files.createTempFile(folder, "." + out.getFileName(), ".partial");
    try {
      Files.writeString(partial, pem, StandardCharsets.US_ASCII);
      Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
    terminal.err().println("keymail: certificate written to " + out);
  }
}
