package org.keymail.vault.authority;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.keymail.pki.authority.CaKey;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.PrivateKeySigner;
import org.keymail.smime.SignatureAlgorithm;

/**
 * One certificate-authority key, decrypted in the server's memory for as long as the server runs,
 * signing in the fastest healthy provider. Its {@code toString} names the key, never its bytes.
 */
final class AuthorityKey implements CaKey {

  private final String alias;
  private final PublicKey publicKey;
  private final PrivateKeySigner signer;

  AuthorityKey(String alias, PublicKey publicKey, PrivateKey privateKey) {
    this.alias = alias;
    this.publicKey = publicKey;
    this.signer = PrivateKeySigner.of(privateKey);
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public byte[] sign(SignatureAlgorithm algorithm, byte[] toBeSigned) throws KeyUseException {
    try {
      return signer.sign(algorithm, toBeSigned);
    } catch (GeneralSecurityException e) {
      throw new KeyUseException(
          "the certificate authority's key "
              + alias
              + " cannot sign with "
              + algorithm.displayName()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public String toString() {
    return "AuthorityKey[" + alias + ", " + publicKey.getAlgorithm() + ", key=[redacted]]";
  }
}
