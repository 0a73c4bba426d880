package org.keymail.vault.passkey;

import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.PublicKeyCredentialRequestOptions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.keymail.vault.store.VaultDatabase;

/**
 * Credential ids for a sign-in start naming an address that has no usable PassKey (no account, an
 * invited user, only revoked PassKeys): derived by HMAC from the address and a secret shared by all
 * nodes, so the answer has the shape of a real one — one PassKey, sometimes two, ids as long as
 * keymail's own — and stays the same for the same address, as a real answer does. No authenticator
 * holds such an id, so the sign-in can only fail, exactly as it would with a wrong PassKey.
 */
final class DecoyCredentials {

  static final String SECRET_NAME = "sign-in-decoys";
  private static final int ID_LENGTH = 32;

  private final byte[] secret;

  private DecoyCredentials(byte[] secret) {
    this.secret = secret;
  }

  /** Loads the shared secret, or makes it on the vault's first start (the first node wins). */
  static DecoyCredentials open(VaultDatabase database, SecureRandom random, Clock clock) {
    byte[] made = new byte[32];
    random.nextBytes(made);
    byte[] secret =
        database.inTransaction(
            c -> {
              byte[] stored = read(c);
              if (stored != null) {
                return stored;
              }
              try (PreparedStatement s =
                  c.prepareStatement(
                      "INSERT INTO vault_secrets (name, secret, created_at) VALUES (?, ?, ?)")) {
                s.setString(1, SECRET_NAME);
                s.setBytes(2, made);
                s.setObject(3, clock.instant().atOffset(ZoneOffset.UTC));
                s.executeUpdate();
              }
              return made;
            });
    return new DecoyCredentials(secret);
  }

  private static byte[] read(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT secret FROM vault_secrets WHERE name = ?")) {
      s.setString(1, SECRET_NAME);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getBytes(1) : null;
      }
    }
  }

  /** {@code request} for {@code account}, with the decoy ids as its allowed credentials. */
  AssertionRequest disguise(AssertionRequest request, String account) {
    PublicKeyCredentialRequestOptions options = request.getPublicKeyCredentialRequestOptions();
    return request.toBuilder()
        .publicKeyCredentialRequestOptions(
            options.toBuilder().allowCredentials(ids(account)).build())
        .build();
  }

  List<PublicKeyCredentialDescriptor> ids(String account) {
    byte[] seed = hmac(("count\0" + account).getBytes(StandardCharsets.UTF_8));
    int count = (seed[0] & 0x03) == 0 ? 2 : 1; // about one person in four keeps a spare
    List<PublicKeyCredentialDescriptor> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] id =
          Arrays.copyOf(
              hmac(("id\0" + i + "\0" + account).getBytes(StandardCharsets.UTF_8)), ID_LENGTH);
      ids.add(PublicKeyCredentialDescriptor.builder().id(new ByteArray(id)).build());
    }
    return ids;
  }

  private byte[] hmac(byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }
}
