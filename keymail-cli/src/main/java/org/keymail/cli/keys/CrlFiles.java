package org.keymail.cli.keys;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.List;
import org.keymail.cli.CliFailure;

/** Reads certificate revocation lists (RFC 5280 §5) from PEM or DER files. */
public final class CrlFiles {

  private CrlFiles() {}

  /**
   * Every CRL in {@code file}: several PEM blocks, or one DER CRL.
   *
   * @throws CliFailure when the file cannot be read or holds no CRL
   */
  public static List<X509CRL> read(Path file) throws CliFailure {
    byte[] bytes = PemObjects.bytes(file);
    List<X509CRL> crls = new ArrayList<>();
    try {
      // CertificateFactory reads PEM and DER alike, several CRLs in a row.
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      factory.generateCRLs(new ByteArrayInputStream(bytes)).forEach(c -> crls.add((X509CRL) c));
    } catch (CRLException | CertificateException | RuntimeException e) {
      // The JDK's parser reports some malformed input (bad base64, bad DER) unchecked.
      throw new CliFailure("cannot read " + file + ": not a CRL (" + e.getMessage() + ")", e);
    }
    if (crls.isEmpty()) {
      throw new CliFailure("cannot read " + file + ": not a CRL");
    }
    return List.copyOf(crls);
  }

  /** Every CRL in every one of {@code files}. */
  public static List<X509CRL> readAll(List<Path> files) throws CliFailure {
    List<X509CRL> all = new ArrayList<>();
    for (Path file : files) {
      all.addAll(read(file));
    }
    return List.copyOf(all);
  }
}
