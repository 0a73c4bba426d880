package org.keymail.vault.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.keymail.testing.ChildJvm;
import org.keymail.testing.RunningProcess;

class Pkcs11KeyProtectorTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void wrapsWithANonExtractableKekInsideTheToken() throws Exception {
    Pkcs11KeyProtector protector =
        Pkcs11KeyProtector.open(SoftHsm.config(), SoftHsm.PIN, label(), RANDOM);
    byte[] dataKey = random(32);
    byte[] aad = random(32);
    byte[] wrapped = protector.wrap(dataKey, aad);
    assertThat(wrapped).hasSize(1 + 12 + 32 + 16);
    assertThat(protector.unwrap(wrapped, aad)).isEqualTo(dataKey);
    assertThat(protector.wrap(dataKey, aad)).as("a fresh IV each time").isNotEqualTo(wrapped);
    assertThat(protector.kind()).isEqualTo("PKCS11");
    assertThat(protector.kek().getEncoded()).as("the KEK cannot leave the token").isNull();
    assertThat(protector.kek().toString()).contains("unextractable").contains("sensitive");
  }

  @Test
  void changedBlobOrAadDoesNotUnwrap() throws Exception {
    Pkcs11KeyProtector protector =
        Pkcs11KeyProtector.open(SoftHsm.config(), SoftHsm.PIN, label(), RANDOM);
    byte[] aad = random(32);
    byte[] wrapped = protector.wrap(random(32), aad);
    byte[] changed = wrapped.clone();
    changed[20] ^= 1;
    assertThatThrownBy(() -> protector.unwrap(changed, aad))
        .isInstanceOf(TamperedKeyException.class)
        .hasMessage(
            "a wrapped data key does not decrypt under KEK "
                + protector.kekId()
                + ": it was changed, or moved to another key or owner");
    byte[] otherAad = aad.clone();
    otherAad[0] ^= 1;
    assertThatThrownBy(() -> protector.unwrap(wrapped, otherAad))
        .isInstanceOf(TamperedKeyException.class);
  }

  @Test
  void secondInstanceInAnotherJvmFindsTheSameKek() throws Exception {
    String label = label();
    Pkcs11KeyProtector protector =
        Pkcs11KeyProtector.open(SoftHsm.config(), SoftHsm.PIN, label, RANDOM);
    byte[] dataKey = random(32);
    byte[] aad = random(32);
    HexFormat hex = HexFormat.of();
    try (RunningProcess child =
        ChildJvm.of(
                Pkcs11Child.class,
                "1234",
                label,
                hex.formatHex(protector.wrap(dataKey, aad)),
                hex.formatHex(aad))
            .start()) {
      assertThat(child.awaitLine("kek ")).isEqualTo("kek PKCS11-" + label);
      assertThat(child.awaitLine("unwrapped ")).isEqualTo("unwrapped " + hex.formatHex(dataKey));
    }
    // and this instance, reopened, still finds the one KEK
    Pkcs11KeyProtector again =
        Pkcs11KeyProtector.open(SoftHsm.config(), SoftHsm.PIN, label, RANDOM);
    assertThat(again.unwrap(protector.wrap(dataKey, aad), aad)).isEqualTo(dataKey);
  }

  @Test
  void wrongPinIsRefusedWithAClearMessage() throws Exception {
    SoftHsm.config();
    // A fresh JVM: within one JVM, a second provider for a token that is logged in accepts any PIN.
    try (RunningProcess child =
        ChildJvm.of(Pkcs11Child.class, "9999", label(), "00", "00").start()) {
      assertThat(child.awaitLine("failed "))
          .isEqualTo(
              "failed HsmLoginException: the PKCS#11 token of SunPKCS11-SoftHSM refused the PIN (or the login failed)");
    }
  }

  @Test
  void unreachableLibraryIsReportedByName() {
    assertThatThrownBy(
            () ->
                Pkcs11KeyProtector.open(
                    "--name = Missing\nlibrary = /nonexistent/libpkcs11.so\n",
                    SoftHsm.PIN,
                    label(),
                    RANDOM))
        .isInstanceOf(HsmLoginException.class)
        .hasMessageStartingWith(
            "cannot load the PKCS#11 library or token named in the configuration: ");
  }

  private static String label() {
    return "kek-" + UUID.randomUUID();
  }

  private static byte[] random(int length) {
    byte[] b = new byte[length];
    RANDOM.nextBytes(b);
    return b;
  }
}
