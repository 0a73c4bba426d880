package org.keymail.cli.smime.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * The folder {@code keymail smime demo} works in: its certificates and keys as PEM files (private
 * keys readable by their owner only), kept between runs so the printed commands keep working.
 */
final class DemoFolder {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path folder;

  DemoFolder(Path folder) throws IOException {
    this.folder = Files.createDirectories(folder);
  }

  /** A file of this folder, as the user named the folder (relative stays relative). */
  Path file(String name) {
    return folder.resolve(name);
  }

  /** Writes {@code certificates} into one PEM file, in order (a person's own, then its chain). */
  void writeCertificates(String name, List<X509Certificate> certificates) throws IOException {
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      for (X509Certificate certificate : certificates) {
        writer.writeObject(certificate);
      }
    }
    Files.writeString(file(name), pem.toString(), StandardCharsets.US_ASCII);
  }

  void writePrivateKey(String name, PrivateKey key) throws IOException {
    Path target = file(name);
    Files.deleteIfExists(target);
    // Created with owner-only permissions, so the key is never readable by others, not even
    // briefly.
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(target, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } else {
      Files.createFile(target);
    }
    try (Writer out = Files.newBufferedWriter(target, StandardCharsets.US_ASCII);
        JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(new JcaPKCS8Generator(key, null));
    }
  }

  /** The (first) certificate of an earlier run, when its file is there and readable. */
  Optional<X509Certificate> readCertificate(String name) throws IOException {
    return readPem(name)
        .filter(X509CertificateHolder.class::isInstance)
        .map(X509CertificateHolder.class::cast)
        .flatMap(DemoFolder::toJca);
  }

  /** The private key of an earlier run, when its file is there and readable. */
  Optional<PrivateKey> readPrivateKey(String name) throws IOException {
    Optional<Object> pem = readPem(name);
    Optional<PrivateKeyInfo> info =
        pem.map(
            o ->
                switch (o) {
                  case PrivateKeyInfo plain -> plain;
                  case PEMKeyPair pair -> pair.getPrivateKeyInfo();
                  default -> null;
                });
    if (info.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new JcaPEMKeyConverter().getPrivateKey(info.get()));
  }

  private Optional<Object> readPem(String name) throws IOException {
    Path source = file(name);
    if (!Files.isRegularFile(source)) {
      return Optional.empty();
    }
    try (Reader reader = Files.newBufferedReader(source, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      return Optional.ofNullable(parser.readObject());
    } catch (IOException | RuntimeException damaged) {
      // A damaged file from an earlier run is replaced, not a reason to stop the demo.
      return Optional.empty();
    }
  }

  private static Optional<X509Certificate> toJca(X509CertificateHolder holder) {
    try {
      return Optional.of(new JcaX509CertificateConverter().getCertificate(holder));
    } catch (CertificateException e) {
      return Optional.empty();
    }
  }
}
