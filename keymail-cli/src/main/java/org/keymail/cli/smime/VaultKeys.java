package org.keymail.cli.smime;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.keymail.cli.CliFailure;
import org.keymail.cli.client.NotUnlockedException;
import org.keymail.cli.client.RemoteKeyHandle;
import org.keymail.cli.client.ServerRefusal;
import org.keymail.cli.client.ServerUnreachableException;
import org.keymail.cli.client.VaultCertificate;
import org.keymail.cli.client.VaultSession;
import org.keymail.cli.keys.CertificateFiles;
import org.keymail.cli.keys.LoadedKey;
import org.keymail.smime.CertificateNames;
import org.keymail.smime.address.AddressList;
import org.keymail.smime.address.AddressReading;
import org.keymail.smime.select.Audience;
import org.keymail.smime.select.Candidate;
import org.keymail.smime.select.CertificateSelector;
import org.keymail.smime.select.NoUsableCertificateException;
import org.keymail.smime.select.Purpose;

/**
 * The user's keys in the vault, for the {@code smime} commands when no key file is given: which one
 * signs (chosen with {@code --cert}, else picked by {@link CertificateSelector} for the message's
 * From address) and which ones may decrypt (all of them, archived and expired ones included, so old
 * mail stays readable).
 */
public final class VaultKeys {

  /** How far into a message its From field is looked for. */
  private static final int HEADER_LIMIT = 256 * 1024;

  private final VaultSession session;
  private final List<VaultCertificate> certificates;

  private VaultKeys(VaultSession session, List<VaultCertificate> certificates) {
    this.session = session;
    this.certificates = certificates;
  }

  public static VaultKeys list(VaultSession session)
      throws ServerRefusal, ServerUnreachableException, NotUnlockedException, CliFailure {
    List<VaultCertificate> listed = new ArrayList<>();
    for (var node : session.call(api -> api.get("/api/v1/certificates"))) {
      listed.add(VaultCertificate.of(node));
    }
    return new VaultKeys(session, List.copyOf(listed));
  }

  /** The certificate keymail picks for mail encrypted to this user, if one is usable. */
  public Optional<X509Certificate> encryptionCertificate() {
    return certificates.stream()
        .filter(c -> c.usedFor().contains("encryption"))
        .map(VaultCertificate::certificate)
        .findFirst();
  }

  /** Every key that may decrypt, newest first. */
  public List<RemoteKeyHandle> decryptionKeys() {
    return certificates.stream()
        .filter(c -> c.keyId() != null)
        .map(c -> new RemoteKeyHandle(session, c.keyId(), c.certificate()))
        .toList();
  }

  /**
   * The key to sign with: the certificate {@code chosen} names (a certificate file, or its id, key
   * id, serial number or SHA-256 fingerprint, or the start of one), else the best one for {@code
   * from}.
   */
  public LoadedKey signingKey(Optional<String> chosen, String from) throws CliFailure {
    VaultCertificate certificate = chosen.isPresent() ? named(chosen.get()) : picked(from);
    if (!certificate.usableForNewMail()) {
      throw new CliFailure(
          "the certificate "
              + CertificateNames.subject(certificate.certificate())
              + " is "
              + (certificate.archived() ? "archived" : certificate.state())
              + " and cannot sign new mail");
    }
    return new LoadedKey(
        new RemoteKeyHandle(session, certificate.keyId(), certificate.certificate()),
        certificate.chain());
  }

  private VaultCertificate picked(String from) throws CliFailure {
    List<Candidate> candidates = new ArrayList<>();
    for (VaultCertificate c : certificates) {
      if (c.usableForNewMail()) {
        candidates.add(new Candidate(c.certificate(), c.chain(), false));
      }
    }
    try {
      X509Certificate best =
          new CertificateSelector(java.time.Clock.systemUTC())
              .select(Purpose.SIGNING, candidates, from, Audience.INTERNAL)
              .chosen()
              .certificate();
      return certificates.stream()
          .filter(c -> c.certificate().equals(best))
          .findFirst()
          .orElseThrow();
    } catch (NoUsableCertificateException none) {
      throw new CliFailure(
          (candidates.isEmpty()
                  ? "you have no valid certificate in the vault to sign with"
                  : none.getMessage())
              + "; request one with 'keymail cert request', or choose one with --cert");
    }
  }

  private VaultCertificate named(String choice) throws CliFailure {
    Path file = Path.of(choice);
    if (Files.isRegularFile(file)) {
      X509Certificate wanted = CertificateFiles.readFirst(file);
      return certificates.stream()
          .filter(c -> c.certificate().equals(wanted))
          .findFirst()
          .orElseThrow(
              () -> new CliFailure("the certificate in " + file + " has no key in your vault"));
    }
    String prefix = choice.strip().toLowerCase(Locale.ROOT).replace(":", "");
    if (prefix.length() < 6) {
      throw new CliFailure(
          "--cert names a certificate file, or at least 6 characters of its id, key id, serial or fingerprint");
    }
    List<VaultCertificate> matching =
        certificates.stream()
            .filter(
                c ->
                    c.id().toString().startsWith(prefix)
                        || (c.keyId() != null && c.keyId().toString().startsWith(prefix))
                        || c.certificate().getSerialNumber().toString(16).startsWith(prefix)
                        || c.sha256().toLowerCase(Locale.ROOT).startsWith(prefix))
            .toList();
    if (matching.size() != 1) {
      throw new CliFailure(
          (matching.isEmpty() ? "none" : matching.size() + "")
              + " of your certificates match --cert "
              + choice
              + "; 'keymail cert list' shows their ids");
    }
    return matching.get(0);
  }

  /**
   * Whether {@code message} is encrypted, as {@link #looksEncrypted(BufferedInputStream)} tells.
   */
  public static boolean looksEncrypted(byte[] message) throws IOException {
    return looksEncrypted(new BufferedInputStream(new ByteArrayInputStream(message)));
  }

  /**
   * Whether the message {@code in} starts with is encrypted (an {@code application/pkcs7-mime} that
   * is not signed data), read without consuming it.
   */
  public static boolean looksEncrypted(BufferedInputStream in) throws IOException {
    String type = field(in, "Content-Type").orElse("").toLowerCase(Locale.ROOT);
    boolean pkcs7 =
        type.startsWith("application/pkcs7-mime")
            || type.startsWith("application/x-pkcs7-mime")
            || (type.startsWith("application/octet-stream") && type.contains(".p7m"));
    return pkcs7 && !type.contains("signed-data") && !type.contains("certs-only");
  }

  /** The value of the first header field {@code name} of the message, unfolded. */
  private static Optional<String> field(BufferedInputStream in, String name) throws IOException {
    in.mark(HEADER_LIMIT);
    byte[] head = in.readNBytes(HEADER_LIMIT);
    in.reset();
    String text = new String(head, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n") >= 0 ? text.indexOf("\r\n\r\n") : text.indexOf("\n\n");
    String header = (end >= 0 ? text.substring(0, end) : text).replaceAll("\r?\n[ \t]+", " ");
    for (String line : header.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
        return Optional.of(line.substring(colon + 1).strip());
      }
    }
    return Optional.empty();
  }

  /**
   * The From address of the message {@code in} starts with, read without consuming it; empty when
   * the message has no single usable From.
   */
  static Optional<String> fromAddress(BufferedInputStream in) throws IOException {
    Optional<String> from = field(in, "From");
    if (from.isEmpty()) {
      return Optional.empty();
    }
    var mailboxes = AddressList.read(from.get()).mailboxes();
    if (mailboxes.size() == 1
        && mailboxes.get(0).address() instanceof AddressReading.Usable usable) {
      return Optional.of(usable.email().ascii());
    }
    return Optional.empty();
  }
}
