package org.keymail.cli.keys;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.keymail.cli.CliFailure;

/**
 * Reads X.509 certificates from files: PEM with one or several certificates (a trust list, a
 * chain), or a single DER certificate.
 */
public final class CertificateFiles {

  private CertificateFiles() {}

  /**
   * Every certificate in {@code file}, in file order; never empty.
   *
   * @throws CliFailure when the file cannot be read or holds no certificate
   */
  public static List<X509Certificate> read(Path file) throws CliFailure {
    List<X509Certificate> certificates = new ArrayList<>();
    for (Object o : PemObjects.read(file)) {
      if (o instanceof X509CertificateHolder holder) {
        certificates.add(toJca(file, holder));
      }
    }
    if (certificates.isEmpty()) {
      certificates.add(readDer(file));
    }
    return List.copyOf(certificates);
  }

  /**
   * The first certificate in {@code file}: the one a key belongs to when the file also holds its
   * chain.
   */
  public static X509Certificate readFirst(Path file) throws CliFailure {
    return read(file).get(0);
  }

  /** Every certificate in every one of {@code files}. */
  public static List<X509Certificate> readAll(List<Path> files) throws CliFailure {
    List<X509Certificate> all = new ArrayList<>();
    for (Path file : files) {
      all.addAll(read(file));
    }
    return List.copyOf(all);
  }

  /**
   * The certificates of people (not of CAs) in {@code files}: a recipient's file often carries the
   * CA chain after the recipient's own certificate, and mail is never encrypted to a CA.
   *
   * @throws CliFailure when a file cannot be read or holds only CA certificates
   */
  public static List<X509Certificate> readPeople(List<Path> files) throws CliFailure {
    List<X509Certificate> people = new ArrayList<>();
    for (Path file : files) {
      List<X509Certificate> inFile =
          read(file).stream().filter(c -> c.getBasicConstraints() < 0).toList();
      if (inFile.isEmpty()) {
        throw new CliFailure(file + " holds only CA certificates, no person's certificate");
      }
      people.addAll(inFile);
    }
    return List.copyOf(people);
  }

  private static X509Certificate readDer(Path file) throws CliFailure {
    byte[] bytes = PemObjects.bytes(file);
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(bytes));
    } catch (CertificateException | RuntimeException e) {
      // The JDK's parser reports some malformed input (bad base64, bad DER) unchecked.
      throw new CliFailure("cannot read " + file + ": not a PEM certificate", e);
    }
  }

  private static X509Certificate toJca(Path file, X509CertificateHolder holder) throws CliFailure {
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException | RuntimeException e) {
      // Bouncy Castle reports a damaged structure with unchecked exceptions as well.
      throw new CliFailure(
          "cannot read " + file + ": damaged certificate (" + e.getMessage() + ")", e);
    }
  }
}
