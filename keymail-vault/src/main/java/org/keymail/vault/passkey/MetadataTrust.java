package org.keymail.vault.passkey;

import com.yubico.fido.metadata.FidoMetadataDownloaderException;
import com.yubico.fido.metadata.FidoMetadataService;
import com.yubico.fido.metadata.MetadataBLOB;
import com.yubico.fido.metadata.UnexpectedLegalHeader;
import com.yubico.webauthn.attestation.AttestationTrustSource;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.exception.Base64UrlException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.keymail.vault.VaultException;
import org.keymail.vault.store.VaultDatabase;

/**
 * The attestation roots registrations are checked against: those the uploaded FIDO metadata BLOB
 * lists for the authenticator's AAGUID (none while no BLOB is uploaded or no model is listed).
 * Revocation of attestation certificates is not checked: keymail fetches nothing from the internet.
 * Reads the BLOB from the vault at each registration, so an upload applies at once on every node.
 */
final class MetadataTrust implements AttestationTrustSource {

  private final VaultDatabase database;

  MetadataTrust(VaultDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  @Override
  public TrustRootsResult findTrustRoots(
      List<X509Certificate> attestationCertificateChain, Optional<ByteArray> aaguid) {
    Optional<MetadataBLOB> blob;
    try {
      // Only listed models are held to the metadata; spare the parse for everyone else.
      blob =
          database.inTransaction(
              c -> AcceptedAuthenticators.listed(c) ? FidoMetadata.stored(c) : Optional.empty());
    } catch (VaultException e) {
      throw new IllegalStateException("the FIDO metadata kept can not be read", e);
    }
    Set<X509Certificate> roots =
        blob.isEmpty()
            ? Set.of()
            : service(blob.get())
                .findTrustRoots(attestationCertificateChain, aaguid)
                .getTrustRoots();
    return TrustRootsResult.builder().trustRoots(roots).enableRevocationChecking(false).build();
  }

  private static FidoMetadataService service(MetadataBLOB blob) {
    try {
      return FidoMetadataService.builder().useBlob(blob).build();
    } catch (IOException
        | GeneralSecurityException
        | Base64UrlException
        | UnexpectedLegalHeader
        | FidoMetadataDownloaderException e) {
      throw new IllegalStateException("the FIDO metadata kept can not be used", e);
    }
  }
}
