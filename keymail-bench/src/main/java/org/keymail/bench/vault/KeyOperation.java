package org.keymail.bench.vault;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.keymail.bench.smime.BenchIdentity;
import org.keymail.smime.KeyHandle;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.smime.WrappedContentKey;

/** The private-key operations a user's mail asks of the vault. */
enum KeyOperation {
  /** A signature over 32 bytes (the digest-sized signed attributes of one message). */
  SIGN,
  /** Recovering one message's content-encryption key from its recipient info. */
  DECRYPT;

  /** One operation's input for {@code identity}'s key; checked once against the bare key. */
  Input inputFor(BenchIdentity identity) throws GeneralSecurityException, KeyUseException {
    Input input =
        switch (this) {
          case SIGN ->
              new Input(
                  this,
                  SignatureAlgorithm.defaultFor(identity.certificate().getPublicKey()),
                  new byte[32],
                  null);
          case DECRYPT -> new Input(this, null, null, ContentKeys.addressedTo(identity));
        };
    if (this == DECRYPT && identity.keyHandle().unwrapContentKey(input.wrapped()).length != 32) {
      throw new GeneralSecurityException("the benchmark's content key is not an AES-256 key");
    }
    return input;
  }

  /** What one operation needs; {@link #performOn} runs it on any key handle. */
  record Input(
      KeyOperation operation,
      SignatureAlgorithm algorithm,
      byte[] toBeSigned,
      WrappedContentKey wrapped) {

    byte[] performOn(KeyHandle key) throws KeyUseException {
      return switch (operation) {
        case SIGN -> key.sign(algorithm, toBeSigned);
        case DECRYPT -> {
          byte[] contentKey = key.unwrapContentKey(wrapped);
          Arrays.fill(contentKey, (byte) 0);
          yield contentKey;
        }
      };
    }
  }
}
