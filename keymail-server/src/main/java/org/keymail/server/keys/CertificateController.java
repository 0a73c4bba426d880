package org.keymail.server.keys;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.keymail.pki.issue.NameValues;
import org.keymail.pki.template.KeyType;
import org.keymail.server.signin.PassKeySignIn;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.signin.UnlockAuthentication;
import org.keymail.server.web.BadRequestException;
import org.keymail.smime.CertificateFingerprint;
import org.keymail.smime.CertificateNames;
import org.keymail.vault.VaultException;
import org.keymail.vault.keys.ImportedKeys;
import org.keymail.vault.keys.KeyAlgorithm;
import org.keymail.vault.keys.VaultCertificate;
import org.keymail.vault.user.User;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/v1/certificates} and {@code /api/v1/keys}: the signed-in user's certificates, the
 * import of a PKCS#12 file, key generation with a certification request, and the installation of an
 * issued certificate.
 */
@RestController
@RequestMapping("/api/v1")
public class CertificateController {

  private final UserKeys keys;
  private final PassKeySignIn signIn;
  private final CertificateViews views;

  public CertificateController(UserKeys keys, PassKeySignIn signIn, CertificateViews views) {
    this.keys = keys;
    this.signIn = signIn;
    this.views = views;
  }

  /**
   * One of the user's own certificates as listed (CA certificates appear only in {@code chain}).
   *
   * @param der the certificate, base64 DER (clients build their S/MIME with it)
   * @param chain its issuers, nearest first, base64 DER, to send along with signatures
   * @param template the template the organisation's CA issued it under; absent for an import
   * @param purposes what it may be used for: {@code signing}, {@code encryption}, {@code sign-in}
   * @param state {@code valid}, {@code expired}, {@code not-yet-valid} or {@code revoked}
   * @param revokedAt when it was revoked (revoked only)
   * @param revocationReason why, as on the CRL (revoked only)
   * @param usedFor whether keymail picks it today for {@code signing} and {@code encryption}
   */
  public record Certificate(
      UUID id,
      UUID keyId,
      String subject,
      String issuer,
      String serialNumber,
      Instant notBefore,
      Instant notAfter,
      String source,
      boolean archived,
      String sha256,
      String der,
      List<String> chain,
      String template,
      List<String> purposes,
      String state,
      Instant revokedAt,
      String revocationReason,
      List<String> usedFor) {
    public static Certificate of(VaultCertificate stored) {
      return of(
          new CertificateViews.View(
              stored,
              List.of(),
              java.util.Optional.empty(),
              CertificateViews.purposes(stored.certificate()),
              CertificateViews.State.VALID,
              java.util.Optional.empty(),
              java.util.Optional.empty(),
              List.of()));
    }

    static Certificate of(CertificateViews.View view) {
      VaultCertificate stored = view.stored();
      X509Certificate c = stored.certificate();
      return new Certificate(
          stored.id(),
          stored.keyId(),
          CertificateNames.subject(c),
          CertificateNames.issuer(c),
          c.getSerialNumber().toString(16),
          c.getNotBefore().toInstant(),
          c.getNotAfter().toInstant(),
          stored.source().name(),
          stored.isArchived(),
          CertificateFingerprint.hex(c),
          base64Der(c),
          view.chain().stream().map(CertificateController::base64Der).toList(),
          view.template().orElse(null),
          view.purposes(),
          view.state().name().toLowerCase(Locale.ROOT).replace('_', '-'),
          view.revokedAt().orElse(null),
          view.revocationReason().orElse(null),
          view.usedFor());
    }
  }

  /** What an import stored. */
  public record Imported(List<UUID> keyIds, List<Certificate> certificates) {
    static Imported of(ImportedKeys imported) {
      return new Imported(
          imported.keys().stream().map(k -> k.id()).toList(),
          imported.certificates().stream().map(Certificate::of).toList());
    }
  }

  /** A key to generate: its algorithm and, optionally, the common name of its subject. */
  public record Generate(@NotBlank String algorithm, @Size(max = 200) String commonName) {}

  /**
   * A key just generated ({@code algorithm} as people write it: {@code ec-p256}), with its PKCS#10
   * request in PEM.
   */
  public record Generated(UUID keyId, String algorithm, String certificationRequest) {}

  /** An issued certificate to install, in PEM. */
  public record Install(@NotBlank @Size(max = 65536) String certificate) {}

  @GetMapping("/certificates")
  List<Certificate> list() throws VaultException {
    User user =
        signIn
            .user(SignedIn.user().userId())
            .orElseThrow(() -> new BadRequestException("Your user is gone."));
    return views.of(user.id(), user.email()).stream().map(Certificate::of).toList();
  }

  @PostMapping(path = "/certificates/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  Imported importPkcs12(
      @RequestPart("file") MultipartFile file,
      // A file exported without a password has an empty one (or none at all).
      @RequestPart(name = "password", required = false) String password)
      throws VaultException {
    char[] secret = password == null ? new char[0] : password.toCharArray();
    try (InputStream in = file.getInputStream()) {
      return Imported.of(keys.importPkcs12(SignedIn.user().userId(), in, secret));
    } catch (IOException e) {
      throw new BadRequestException("The uploaded file could not be read.");
    } finally {
      java.util.Arrays.fill(secret, '\0');
    }
  }

  @PostMapping("/keys")
  @ResponseStatus(HttpStatus.CREATED)
  Generated generate(@Valid @RequestBody Generate generate) throws VaultException {
    KeyAlgorithm algorithm = algorithm(generate.algorithm());
    UnlockAuthentication unlocked = SignedIn.current();
    User user =
        signIn
            .user(unlocked.getPrincipal().userId())
            .orElseThrow(() -> new BadRequestException("Your user is gone."));
    String commonName =
        generate.commonName() == null || generate.commonName().isBlank()
            ? user.displayName()
            : generate.commonName();
    X500Name subject =
        NameValues.commonNameAndEmail(
                new X500NameBuilder(BCStyle.INSTANCE), commonName, user.email())
            .build();
    UserKeys.GeneratedKey key =
        keys.generate(
            user.id(), algorithm, subject, List.of(user.email()), unlocked.getCredentials());
    return new Generated(key.key().id(), key.key().algorithm().displayName(), pem(key.request()));
  }

  @PostMapping("/certificates")
  @ResponseStatus(HttpStatus.CREATED)
  Certificate install(@Valid @RequestBody Install install) throws VaultException {
    return Certificate.of(keys.install(SignedIn.user().userId(), parse(install.certificate())));
  }

  /** The vault generates the key types the certificate authority certifies, and no other. */
  private static KeyAlgorithm algorithm(String name) {
    return KeyType.parse(name)
        .map(KeyAlgorithm::of)
        .orElseThrow(
            () ->
                new BadRequestException(
                    "Unknown key algorithm '"
                        + name
                        + "' (use one of: "
                        + KeyType.allDisplayNames()
                        + ")."));
  }

  private static X509Certificate parse(String pem) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(
                      pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    } catch (CertificateException | RuntimeException e) {
      // The JDK's parser reports some malformed input (bad base64, bad DER) unchecked.
      throw new BadRequestException("'certificate' is not an X.509 certificate in PEM.");
    }
  }

  private static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static String base64Der(X509Certificate certificate) {
    try {
      return java.util.Base64.getEncoder().encodeToString(certificate.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
