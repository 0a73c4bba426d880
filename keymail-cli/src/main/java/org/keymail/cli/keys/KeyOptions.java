package org.keymail.cli.keys;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keymail.cli.CliFailure;
import org.keymail.smime.SoftwareKeyHandle;
import org.keymail.smime.keys.KeyPairCheck;
import org.keymail.smime.keys.Pkcs12Reader;
import picocli.CommandLine.Option;

/**
 * The options that name the user's own key and certificate, shared by the {@code smime} commands:
 * {@code --cert C.pem --key K.pem}, or {@code --p12 F.p12}; passwords from {@code --password-file}
 * or {@value Password#ENVIRONMENT_VARIABLE}.
 */
public final class KeyOptions {

  @Option(
      names = "--cert",
      paramLabel = "CERT.pem",
      description =
          "Your certificate (PEM; further certificates in the file are its chain). Without --key"
              + " or --p12 the key is yours in the vault, and --cert chooses which: a certificate"
              + " file, or the start of its id, key id, serial or fingerprint ('keymail cert list').")
  private Path certificateFile;

  @Option(
      names = "--key",
      paramLabel = "KEY.pem",
      description = "Your private key (PEM: PKCS#8 or traditional, RSA or EC, may be encrypted).")
  private Path keyFile;

  @Option(
      names = "--p12",
      paramLabel = "FILE.p12",
      description =
          "Your key and certificate chain in a PKCS#12 file (.p12/.pfx), instead of --cert/--key.")
  private Path pkcs12File;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "File holding the password of --p12 or of an encrypted --key (else $"
              + Password.ENVIRONMENT_VARIABLE
              + ").")
  private Path passwordFile;

  /**
   * Whether a private key file was given ({@code --key} or {@code --p12}); else the vault's is
   * meant.
   */
  public boolean hasKeyFile() {
    return keyFile != null || pkcs12File != null;
  }

  /**
   * What {@code --cert} names, as typed: a certificate file, or part of a vault certificate's id.
   */
  public Optional<String> certificateChoice() {
    return Optional.ofNullable(certificateFile).map(Path::toString);
  }

  /** Whether any of the key options was given. */
  public boolean isGiven() {
    return certificateFile != null || keyFile != null || pkcs12File != null;
  }

  /**
   * The key and certificate the options name.
   *
   * @throws CliFailure when they are missing, do not fit together, or cannot be read
   */
  public LoadedKey load(Map<String, String> environment) throws CliFailure {
    Password password = password(environment);
    if (pkcs12File != null) {
      requireNoPemFiles();
      Pkcs12Reader.Entry p12 = Pkcs12Files.read(pkcs12File, password);
      return new LoadedKey(SoftwareKeyHandle.of(p12.key(), p12.certificate()), p12.issuers());
    }
    if (certificateFile == null || keyFile == null) {
      throw new CliFailure("give your key: --cert CERT.pem --key KEY.pem, or --p12 FILE.p12");
    }
    List<X509Certificate> certificates = CertificateFiles.read(certificateFile);
    X509Certificate certificate = certificates.get(0);
    PrivateKey key = PrivateKeyFiles.read(keyFile, password);
    // A mixed-up --key is said as such here, not as an invalid signature at the recipient.
    if (!KeyPairCheck.belongTogether(key, certificate.getPublicKey())) {
      throw new CliFailure(
          keyFile + " is not the private key of the certificate in " + certificateFile);
    }
    return new LoadedKey(
        SoftwareKeyHandle.of(key, certificate), certificates.subList(1, certificates.size()));
  }

  /**
   * Only the certificate the options name (no private key needed, except to open a PKCS#12 file),
   * or empty when none was given.
   */
  public Optional<X509Certificate> certificate(Map<String, String> environment) throws CliFailure {
    if (pkcs12File != null) {
      requireNoPemFiles();
      return Optional.of(Pkcs12Files.read(pkcs12File, password(environment)).certificate());
    }
    if (certificateFile != null) {
      return Optional.of(CertificateFiles.readFirst(certificateFile));
    }
    return Optional.empty();
  }

  private Password password(Map<String, String> environment) {
    return Password.from(Optional.ofNullable(passwordFile), environment);
  }

  private void requireNoPemFiles() throws CliFailure {
    if (certificateFile != null || keyFile != null) {
      throw new CliFailure("give either --p12 or --cert/--key, not both");
    }
  }
}
