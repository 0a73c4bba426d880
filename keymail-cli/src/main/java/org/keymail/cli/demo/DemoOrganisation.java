package org.keymail.cli.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import org.keymail.smime.KeyHandle;
import org.keymail.smime.SoftwareKeyHandle;

/**
 * The demo's organisation: its CA and its people, each with a key and an e-mail certificate in the
 * demo folder. Files of an earlier run are reused while they are still good, so the commands the
 * demo prints keep working on them.
 */
final class DemoOrganisation {

  static final String NAME = "Example Org (keymail demo)";
  static final String CA_CERTIFICATE = "ca.pem";
  private static final String CA_KEY = "ca-key.pem";
  // Files closer than this to expiry are replaced rather than reused.
  private static final Duration STILL_GOOD_FOR = Duration.ofDays(30);

  /** One person of the demo: their address, key and the files holding them. */
  record Person(String address, String certificateFile, String keyFile, KeyHandle key) {}

  private final DemoFolder folder;
  private final Clock clock;
  private final PrintStream log;
  private final DemoAuthority authority;

  private DemoOrganisation(
      DemoFolder folder, Clock clock, PrintStream log, DemoAuthority authority) {
    this.folder = folder;
    this.clock = clock;
    this.log = log;
    this.authority = authority;
  }

  /** The organisation of an earlier run in {@code folder}, or a new one. */
  static DemoOrganisation open(DemoFolder folder, Clock clock, PrintStream log)
      throws IOException, GeneralSecurityException {
    Optional<X509Certificate> certificate = folder.readCertificate(CA_CERTIFICATE);
    Optional<PrivateKey> key = folder.readPrivateKey(CA_KEY);
    if (certificate.isPresent() && key.isPresent() && stillGood(certificate.get(), clock)) {
      log.println("  organisation CA   " + folder.file(CA_CERTIFICATE) + " (reused)");
      return new DemoOrganisation(
          folder, clock, log, DemoAuthority.of(key.get(), certificate.get(), clock));
    }
    DemoAuthority authority = DemoAuthority.create(NAME, clock);
    folder.writePrivateKey(CA_KEY, authority.key());
    folder.writeCertificate(CA_CERTIFICATE, authority.certificate());
    log.println("  organisation CA   " + folder.file(CA_CERTIFICATE) + " (created, rsa-2048)");
    return new DemoOrganisation(folder, clock, log, authority);
  }

  X509Certificate root() {
    return authority.certificate();
  }

  /** The person with {@code address} from an earlier run, or a new one with a {@code type} key. */
  Person person(String name, String address, DemoKeys.KeyType type)
      throws IOException, GeneralSecurityException {
    String certificateFile = name + ".pem";
    String keyFile = name + "-key.pem";
    Optional<X509Certificate> certificate = folder.readCertificate(certificateFile);
    Optional<PrivateKey> key = folder.readPrivateKey(keyFile);
    if (certificate.isPresent() && key.isPresent() && issuedByThisCa(certificate.get())) {
      log.println(
          "  "
              + pad(address)
              + folder.file(certificateFile)
              + ", "
              + folder.file(keyFile)
              + " (reused)");
      return new Person(
          address, certificateFile, keyFile, SoftwareKeyHandle.of(key.get(), certificate.get()));
    }
    KeyPair pair = DemoKeys.generate(type);
    X509Certificate issued = authority.issueEmailCertificate(address, pair.getPublic());
    folder.writePrivateKey(keyFile, pair.getPrivate());
    folder.writeCertificate(certificateFile, issued);
    log.println(
        "  "
            + pad(address)
            + folder.file(certificateFile)
            + ", "
            + folder.file(keyFile)
            + " (created, "
            + type.displayName()
            + ")");
    return new Person(
        address, certificateFile, keyFile, SoftwareKeyHandle.of(pair.getPrivate(), issued));
  }

  private boolean issuedByThisCa(X509Certificate certificate) {
    try {
      certificate.verify(authority.certificate().getPublicKey());
    } catch (GeneralSecurityException | RuntimeException notOurs) {
      return false;
    }
    return stillGood(certificate, clock);
  }

  private static boolean stillGood(X509Certificate certificate, Clock clock) {
    Date soon = Date.from(clock.instant().plus(STILL_GOOD_FOR));
    return certificate.getNotBefore().toInstant().isBefore(clock.instant())
        && certificate.getNotAfter().after(soon);
  }

  private static String pad(String label) {
    return String.format("%-18s", label);
  }
}
