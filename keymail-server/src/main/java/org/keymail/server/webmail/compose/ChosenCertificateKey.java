package org.keymail.server.webmail.compose;

import java.security.cert.X509Certificate;
import org.keymail.smime.KeyHandle;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.smime.WrappedContentKey;

/**
 * A vault key presented with the certificate the writer's options chose: a key may have several
 * certificates (one of the organisation's CA, one of another), and the signature must name the
 * chosen one. The key operations are the vault's.
 */
record ChosenCertificateKey(KeyHandle key, X509Certificate certificate) implements KeyHandle {

  @Override
  public byte[] sign(SignatureAlgorithm algorithm, byte[] toBeSigned) throws KeyUseException {
    return key.sign(algorithm, toBeSigned);
  }

  @Override
  public byte[] unwrapContentKey(WrappedContentKey wrapped) throws KeyUseException {
    return key.unwrapContentKey(wrapped);
  }

  @Override
  public String toString() {
    return "ChosenCertificateKey[" + key + "]";
  }
}
