package org.keymail.vault.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import com.yubico.webauthn.data.ByteArray;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.keymail.authenticator.SoftwarePassKey;

/**
 * The vault tells software PassKeys from security keys by the AAGUID of its own policy, which must
 * be the one the CLI's authenticator writes (a registration through the relying party is in {@link
 * PassKeyRegistrationTest}).
 */
class PassKeyKindTest {

  @Test
  void theVaultKnowsTheSoftwarePassKeyByTheAaguidItWrites() {
    assertThat(PassKeyKind.SOFTWARE_AAGUID).isEqualTo(SoftwarePassKey.AAGUID);
    assertThat(
            PassKeyKind.of(
                new ByteArray(SoftwarePassKey.AAGUID.getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo(PassKeyKind.SOFTWARE);
  }

  @Test
  void anyOtherAuthenticatorIsASecurityKey() throws Exception {
    // Security keys without attestation report the all-zero AAGUID; others their model's.
    assertThat(PassKeyKind.of(new ByteArray(new byte[16]))).isEqualTo(PassKeyKind.SECURITY_KEY);
    assertThat(PassKeyKind.of(ByteArray.fromHex("cb69481e8ff7403993ec0a2729a154a8")))
        .isEqualTo(PassKeyKind.SECURITY_KEY);
  }
}
