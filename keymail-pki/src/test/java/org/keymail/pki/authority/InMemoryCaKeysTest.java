package org.keymail.pki.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.security.Signature;
import org.junit.jupiter.api.Test;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.SignatureAlgorithm;

class InMemoryCaKeysTest {

  private final InMemoryCaKeys keys = new InMemoryCaKeys(new SecureRandom());

  @Test
  void aKeySignsWhatItsPublicKeyVerifiesAndIsFoundByItsName() throws Exception {
    CaKey key = keys.create("issuing", CaKeyAlgorithm.EC_P256);
    byte[] data = "to be signed".getBytes();

    byte[] signature = key.sign(SignatureAlgorithm.SHA256_WITH_ECDSA, data);

    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(key.publicKey());
    verifier.update(data);
    assertThat(verifier.verify(signature)).isTrue();
    assertThat(keys.find("issuing")).containsSame(key);
    assertThat(keys.find("root")).isEmpty();
    assertThat(key.toString()).contains("redacted").doesNotContain("private key=");
  }

  @Test
  void aTakenNameIsRefused() throws Exception {
    keys.create("issuing", CaKeyAlgorithm.EC_P256);

    assertThatThrownBy(() -> keys.create("issuing", CaKeyAlgorithm.EC_P384))
        .isInstanceOf(KeyUseException.class)
        .hasMessage("a CA key named issuing exists already");
  }
}
