package org.keymail.vault.passkey;

import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.keymail.vault.store.VaultDatabase;

/**
 * Yubico's view of the {@code users} and {@code passkeys} tables: a user's name is their e-mail
 * address, their handle the random {@code user_handle}. Revoked PassKeys are still found here so
 * that the vault can say "revoked" instead of "unknown"; {@link PassKeys} refuses them. Yubico's
 * callbacks declare no checked exception: a failure of the database leaves them as the vault's
 * {@code StorageUnavailableException}.
 */
final class PassKeyCredentials implements CredentialRepository {

  private final VaultDatabase database;

  PassKeyCredentials(VaultDatabase database) {
    this.database = database;
  }

  @Override
  public Set<PublicKeyCredentialDescriptor> getCredentialIdsForUsername(String email) {
    Set<PublicKeyCredentialDescriptor> ids = new HashSet<>();
    query(
        "SELECT p.credential_id FROM passkeys p JOIN users u ON u.id = p.user_id"
            + " WHERE u.email = ? AND p.revoked_at IS NULL",
        email,
        r ->
            ids.add(
                PublicKeyCredentialDescriptor.builder().id(new ByteArray(r.getBytes(1))).build()));
    return ids;
  }

  @Override
  public Optional<ByteArray> getUserHandleForUsername(String email) {
    Set<ByteArray> handles = new HashSet<>();
    query(
        "SELECT user_handle FROM users WHERE email = ?",
        email,
        r -> handles.add(new ByteArray(r.getBytes(1))));
    return handles.stream().findFirst();
  }

  @Override
  public Optional<String> getUsernameForUserHandle(ByteArray userHandle) {
    Set<String> emails = new HashSet<>();
    query(
        "SELECT email FROM users WHERE user_handle = ?",
        userHandle.getBytes(),
        r -> emails.add(r.getString(1)));
    return emails.stream().findFirst();
  }

  @Override
  public Optional<RegisteredCredential> lookup(ByteArray credentialId, ByteArray userHandle) {
    return lookupAll(credentialId).stream()
        .filter(c -> c.getUserHandle().equals(userHandle))
        .findFirst();
  }

  @Override
  public Set<RegisteredCredential> lookupAll(ByteArray credentialId) {
    Set<RegisteredCredential> found = new HashSet<>();
    query(
        "SELECT p.credential_id, u.user_handle, p.public_key_cose, p.sign_count FROM passkeys p"
            + " JOIN users u ON u.id = p.user_id WHERE p.credential_id = ?",
        credentialId.getBytes(),
        r ->
            found.add(
                RegisteredCredential.builder()
                    .credentialId(new ByteArray(r.getBytes(1)))
                    .userHandle(new ByteArray(r.getBytes(2)))
                    .publicKeyCose(new ByteArray(r.getBytes(3)))
                    .signatureCount(r.getLong(4))
                    .build()));
    return found;
  }

  private interface Row {
    void read(ResultSet r) throws SQLException;
  }

  private void query(String sql, Object parameter, Row row) {
    database.inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                row.read(r);
              }
            }
          }
          return null;
        });
  }
}
