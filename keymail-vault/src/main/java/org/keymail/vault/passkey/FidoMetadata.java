package org.keymail.vault.passkey;

import com.yubico.fido.metadata.FidoMetadataDownloader;
import com.yubico.fido.metadata.FidoMetadataDownloaderException;
import com.yubico.fido.metadata.MetadataBLOB;
import com.yubico.fido.metadata.UnexpectedLegalHeader;
import com.yubico.webauthn.data.exception.Base64UrlException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.Administrator;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.store.VaultDatabase;

/**
 * The FIDO Metadata Service BLOB an administrator uploads for the policy "accepted authenticators":
 * verified against the MDS root and its {@code nextUpdate} when uploaded, then kept in the vault
 * (one at a time; each upload replaces the last) for registrations to check attestations against.
 * keymail never downloads it itself. Uploads are audited as {@code POLICY_CHANGE}. Safe for use by
 * several threads.
 */
public final class FidoMetadata {

  /** The policy's name in the audit log. */
  static final String POLICY = "passkey.fido-metadata";

  /** The resource holding the FIDO Alliance MDS root, GlobalSign Root CA - R3. */
  private static final String MDS_ROOT = "fido-mds-root.pem";

  /** The BLOB kept: its serial number ({@code no}), {@code nextUpdate} and number of entries. */
  public record Blob(long serial, LocalDate nextUpdate, int entries, Instant uploadedAt) {}

  private final VaultDatabase database;
  private final AuditTrail audit;
  private final Clock clock;
  private final X509Certificate root;

  /** Checks uploads against {@code root}: {@link #mdsRoot()}, or a test root. */
  public FidoMetadata(VaultDatabase database, AuditTrail audit, Clock clock, X509Certificate root) {
    this.database = Objects.requireNonNull(database, "database");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.root = Objects.requireNonNull(root, "root");
  }

  /** The FIDO Alliance MDS root that signs the real BLOB, shipped with keymail. */
  public static X509Certificate mdsRoot() {
    try (InputStream pem = FidoMetadata.class.getResourceAsStream(MDS_ROOT)) {
      return certificate(Objects.requireNonNull(pem, MDS_ROOT));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The certificate in the PEM or DER file {@code file}, for a test or private MDS root. */
  public static X509Certificate root(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return certificate(in);
    } catch (IOException e) {
      throw new UncheckedIOException("The MDS root " + file + " can not be read", e);
    }
  }

  /** The BLOB kept, if one was uploaded. */
  public Optional<Blob> current() {
    return database.inTransaction(
        c -> {
          try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT serial, next_update, entries, uploaded_at FROM fido_metadata");
              ResultSet r = s.executeQuery()) {
            return r.next()
                ? Optional.of(
                    new Blob(
                        r.getLong(1),
                        r.getObject(2, LocalDate.class),
                        r.getInt(3),
                        r.getObject(4, OffsetDateTime.class).toInstant()))
                : Optional.<Blob>empty();
          }
        });
  }

  /**
   * Keeps {@code jwt} (the content of {@code blob.jwt}) in place of the BLOB kept so far, once its
   * signature chains to the MDS root and it is not past its {@code nextUpdate}.
   */
  public Blob upload(String jwt, Administrator by) throws VaultException {
    String text = jwt == null ? "" : jwt.strip();
    Instant now = clock.instant();
    MetadataBlobSignature.verify(text, root, now);
    MetadataBLOB blob = parse(text);
    LocalDate nextUpdate = blob.getPayload().getNextUpdate();
    if (nextUpdate.isBefore(LocalDate.ofInstant(now, ZoneOffset.UTC))) {
      throw new MetadataBlobRefusedException(
          "the BLOB no. "
              + blob.getPayload().getNo()
              + " is out of date (its next update was due "
              + nextUpdate
              + "); download the current one from mds3.fidoalliance.org");
    }
    Blob kept =
        new Blob(blob.getPayload().getNo(), nextUpdate, blob.getPayload().getEntries().size(), now);
    database.inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement("DELETE FROM fido_metadata")) {
            s.executeUpdate();
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO fido_metadata (id, blob, serial, next_update, entries, uploaded_at)"
                      + " VALUES (1, ?, ?, ?, ?, ?)")) {
            s.setString(1, text);
            s.setLong(2, kept.serial());
            s.setObject(3, kept.nextUpdate());
            s.setInt(4, kept.entries());
            s.setObject(5, Ceremonies.utc(now));
            s.executeUpdate();
          }
          audit.record(
              c,
              by.did(
                  "POLICY_CHANGE",
                  POLICY,
                  AuditResult.SUCCESS,
                  "metadata BLOB no. "
                      + kept.serial()
                      + " with "
                      + kept.entries()
                      + " entries, next update "
                      + kept.nextUpdate()));
          return null;
        });
    return kept;
  }

  /** The BLOB kept, parsed, if one was uploaded; its signature was checked at upload. */
  static Optional<MetadataBLOB> stored(Connection c) throws SQLException, VaultException {
    try (PreparedStatement s = c.prepareStatement("SELECT blob FROM fido_metadata");
        ResultSet r = s.executeQuery()) {
      return r.next() ? Optional.of(parse(r.getString(1))) : Optional.empty();
    }
  }

  /** Reads a BLOB whose signature {@link MetadataBlobSignature} has checked already. */
  private static MetadataBLOB parse(String jwt) throws MetadataBlobRefusedException {
    try {
      return FidoMetadataDownloader.builder()
          .expectLegalHeader()
          .useTrustRoot(mdsRoot())
          .useBlob(jwt)
          .verifyDownloadsOnly(true)
          .build()
          .loadCachedBlob();
    } catch (IOException
        | GeneralSecurityException
        | Base64UrlException
        | UnexpectedLegalHeader
        | FidoMetadataDownloaderException
        | IllegalArgumentException e) {
      throw new MetadataBlobRefusedException(
          "the BLOB's content is not FIDO metadata (MDS3): " + Ceremonies.firstLine(e.getMessage()),
          e);
    }
  }

  private static X509Certificate certificate(InputStream in) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (CertificateException e) {
      throw new IllegalStateException("not an X.509 certificate", e);
    }
  }
}
