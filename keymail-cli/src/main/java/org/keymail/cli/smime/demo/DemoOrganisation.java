package org.keymail.cli.smime.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.keymail.pki.template.KeyType;
import org.keymail.smime.KeyHandle;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.SoftwareKeyHandle;

/**
 * The demo's organisation: its CA (root and issuing CA) and its people, each with a key and an
 * e-mail certificate in the demo folder. Files of an earlier run are reused while they are still
 * good, so the commands the demo prints keep working on them.
 */
final class DemoOrganisation {

  static final String NAME = "Example Org (keymail demo)";
  static final String CA_CERTIFICATE = "ca.pem";
  private static final String CA_KEY = "ca-key.pem";
  static final String ISSUING_CA_CERTIFICATE = "issuing-ca.pem";
  private static final String ISSUING_CA_KEY = "issuing-ca-key.pem";
  // Files closer than this to expiry are replaced rather than reused.
  private static final Duration STILL_GOOD_FOR = Duration.ofDays(30);

  /**
   * One person of the demo: their address, key and the files holding them; the certificate file
   * holds the issuing CA's certificate after theirs, so signatures carry the chain.
   */
  record Person(
      String address,
      String certificateFile,
      String keyFile,
      KeyHandle key,
      List<X509Certificate> chain) {}

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
      throws IOException, KeyUseException {
    String files = folder.file(CA_CERTIFICATE) + ", " + folder.file(ISSUING_CA_CERTIFICATE);
    Optional<DemoAuthority> earlier = earlierAuthority(folder, clock);
    if (earlier.isPresent()) {
      log.println("  organisation CA   " + files + " (reused)");
      return new DemoOrganisation(folder, clock, log, earlier.get());
    }
    DemoAuthority authority = DemoAuthority.create(NAME, clock);
    folder.writePrivateKey(CA_KEY, authority.rootKey());
    folder.writeCertificates(CA_CERTIFICATE, List.of(authority.root()));
    folder.writePrivateKey(ISSUING_CA_KEY, authority.issuingKey());
    folder.writeCertificates(ISSUING_CA_CERTIFICATE, List.of(authority.issuing()));
    log.println(
        "  organisation CA   "
            + files
            + " (created: root "
            + KeyType.describe(authority.root().getPublicKey())
            + ", issuing CA "
            + KeyType.describe(authority.issuing().getPublicKey())
            + ")");
    return new DemoOrganisation(folder, clock, log, authority);
  }

  /** The CA of an earlier run, when all its files are there, belong together and stay valid. */
  private static Optional<DemoAuthority> earlierAuthority(DemoFolder folder, Clock clock)
      throws IOException {
    Optional<X509Certificate> root = folder.readCertificate(CA_CERTIFICATE);
    Optional<PrivateKey> rootKey = folder.readPrivateKey(CA_KEY);
    Optional<X509Certificate> issuing = folder.readCertificate(ISSUING_CA_CERTIFICATE);
    Optional<PrivateKey> issuingKey = folder.readPrivateKey(ISSUING_CA_KEY);
    if (root.isEmpty()
        || rootKey.isEmpty()
        || issuing.isEmpty()
        || issuingKey.isEmpty()
        || !stillGood(root.get(), clock)
        || !stillGood(issuing.get(), clock)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          DemoAuthority.of(
              NAME, root.get(), rootKey.get(), issuing.get(), issuingKey.get(), clock));
    } catch (KeyUseException notTogether) {
      // Files of different runs, or from an older demo: a new CA replaces them.
      return Optional.empty();
    }
  }

  X509Certificate root() {
    return authority.root();
  }

  /**
   * The person with {@code address} from an earlier run, or a new one with a {@code type} key and a
   * certificate issued now.
   */
  Person person(String name, String displayName, String address, KeyType type)
      throws IOException, GeneralSecurityException, KeyUseException {
    String certificateFile = name + ".pem";
    String keyFile = name + "-key.pem";
    List<X509Certificate> chain = List.of(authority.issuing());
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
          address,
          certificateFile,
          keyFile,
          SoftwareKeyHandle.of(key.get(), certificate.get()),
          chain);
    }
    KeyPair pair = DemoKeys.generate(type);
    X509Certificate issued =
        authority.issueEmailCertificate(address, displayName, pair.getPublic());
    folder.writePrivateKey(keyFile, pair.getPrivate());
    folder.writeCertificates(certificateFile, List.of(issued, authority.issuing()));
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
        address, certificateFile, keyFile, SoftwareKeyHandle.of(pair.getPrivate(), issued), chain);
  }

  private boolean issuedByThisCa(X509Certificate certificate) {
    try {
      certificate.verify(authority.issuing().getPublicKey());
    } catch (GeneralSecurityException | RuntimeException notOurs) {
      // A provider may refuse a key of another type with an unchecked exception: not ours either.
      return false;
    }
    return stillGood(certificate, clock);
  }

  private static boolean stillGood(X509Certificate certificate, Clock clock) {
    Date soon = Date.from(clock.instant().plus(STILL_GOOD_FOR));
    return !certificate.getNotBefore().toInstant().isAfter(clock.instant())
        && certificate.getNotAfter().after(soon);
  }

  private static String pad(String label) {
    return String.format("%-18s", label);
  }
}
