package org.keymail.pki.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.pki.authority.SerialNumbers;
import org.keymail.pki.template.Template;
import org.keymail.pki.testing.TestCa;
import org.keymail.pki.testing.TestKeys;

/** Serial numbers: at least 64 random bits, positive, and unique by the database. */
class SerialNumbersTest {

  @Test
  void serialsArePositiveWithMoreThan64BitsAndAtMost16Bytes() {
    SerialNumbers serials = new SerialNumbers(new SecureRandom());
    Set<BigInteger> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      BigInteger serial = serials.next();
      assertThat(serial.signum()).isPositive();
      assertThat(serial.bitLength()).isBetween(65, 127);
      assertThat(serial.toByteArray().length).isLessThanOrEqualTo(16);
      assertThat(seen.add(serial)).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void aSerialThatIsTakenAlreadyIsDrawnAgain(String product) throws Exception {
    TestCa ca = TestCa.open(product);
    byte[] taken = new byte[16];
    Arrays.fill(taken, (byte) 0x42);
    byte[] fresh = new byte[16];
    Arrays.fill(fresh, (byte) 0x24);
    ScriptedRandom random = new ScriptedRandom(taken, taken, fresh);
    CertificateIssuer issuer = new CertificateIssuer(ca.authority, ca.clock, random);
    Template template = ca.templates.find("Secure Email").orElseThrow();
    Subscriber alice = new Subscriber(UUID.randomUUID(), "alice@example.org", "Alice", null);
    SubjectPublicKeyInfo key =
        SubjectPublicKeyInfo.getInstance(TestKeys.ecP256("alice").getPublic().getEncoded());

    IssuedCertificate first =
        ca.database.inSigningTransaction(c -> issuer.issue(c, alice, template, key, null));
    IssuedCertificate second =
        ca.database.inSigningTransaction(c -> issuer.issue(c, alice, template, key, null));

    assertThat(first.serialNumber()).isEqualTo(new BigInteger(1, taken));
    assertThat(second.serialNumber()).isEqualTo(new BigInteger(1, fresh));
    assertThat(second.certificate().getSerialNumber()).isEqualTo(new BigInteger(1, fresh));
    try (Connection c = ca.dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT serial_hex FROM issued_certificates ORDER BY serial_hex")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("24".repeat(16));
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("42".repeat(16));
      assertThat(rs.next()).isFalse();
    }
  }

  /** Hands out the given byte strings first, then real random bytes. */
  private static final class ScriptedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final transient Deque<byte[]> script = new ArrayDeque<>();

    ScriptedRandom(byte[]... values) {
      script.addAll(Arrays.asList(values));
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
      byte[] next = script == null ? null : script.poll();
      if (next == null) {
        super.nextBytes(bytes);
      } else {
        System.arraycopy(next, 0, bytes, 0, bytes.length);
      }
    }
  }
}
