package org.keymail.vault.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.smime.encrypt.MessageEncryptor;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.Messages;
import org.keymail.smime.testing.PemFiles;
import org.keymail.smime.testing.TestPki;
import org.keymail.vault.session.SessionToken;
import org.keymail.vault.store.VaultDatabase;

/** After real use, no private-key material or session token is anywhere in the database. */
class PlaintextScanTest {

  private static final TestPki PKI = TestPki.create();
  private static final char[] PASSWORD = "p12 password".toCharArray();

  @TempDir Path files;

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void noPrivateKeyBytesOrTokensAppearInAnyColumnOfAnyTable(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      UUID alice = vault.user("alice@example.org");
      List<Identity> identities =
          List.of(
              PKI.user("alice@example.org", KeyType.RSA_2048),
              PKI.user("alice@example.org", KeyType.EC_P256));
      SessionToken token = vault.sessions.unlock(alice);
      for (Identity identity : identities) {
        Path p12 = PemFiles.writeP12(Files.createTempFile(files, "k", ".p12"), identity, PASSWORD);
        try (var in = Files.newInputStream(p12)) {
          vault.pkcs12.importPkcs12(alice, in, PASSWORD);
        }
        VaultKeyHandle handle = vault.handles.keyHandle(token, identity.certificate());
        handle.sign(
            SignatureAlgorithm.defaultFor(identity.certificate().getPublicKey()),
            "to be signed".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
        MessageEncryptor.builder()
            .recipient(identity.certificate())
            .withoutSenderCopy()
            .build()
            .encrypt(
                new ByteArrayInputStream(
                    Messages.text("bob@example.org", "alice@example.org", "hi\r\n")),
                encrypted);
        try (ReadResult read =
            MessageReader.builder()
                .key(handle)
                .build()
                .read(new ByteArrayInputStream(encrypted.toByteArray()))) {
          assertThat(read.isEncrypted()).isTrue();
        }
      }
      List<byte[]> dump = dump(vault.database);
      assertThat(dump).as("the scan reads the stored rows").hasSizeGreaterThan(20);

      // The scan finds what is stored in the clear (public keys, certificates), so it would find a
      // plaintext private key.
      for (Identity identity : identities) {
        assertThat(containsAnywhere(dump, identity.certificate().getPublicKey().getEncoded()))
            .as("public key")
            .isTrue();
        assertThat(containsAnywhere(dump, identity.certificate().getEncoded()))
            .as("certificate")
            .isTrue();
      }
      for (Identity identity : identities) {
        for (byte[] secret : secretForms(identity.privateKey())) {
          assertThat(containsAnywhere(dump, secret))
              .as("private key material of %s", identity)
              .isFalse();
        }
      }
      for (byte[] secret :
          List.of(
              token.bytes(),
              token.reveal().getBytes(StandardCharsets.US_ASCII),
              HexFormat.of().formatHex(token.bytes()).getBytes(StandardCharsets.US_ASCII))) {
        assertThat(containsAnywhere(dump, secret)).as("session token").isFalse();
      }
    }
  }

  /**
   * The PKCS#8 encoding raw, in base64 and hex, and the bare private scalar or exponent and primes.
   */
  private static List<byte[]> secretForms(PrivateKey key) {
    byte[] pkcs8 = key.getEncoded();
    List<byte[]> forms = new ArrayList<>();
    forms.add(pkcs8);
    forms.add(Base64.getEncoder().encode(pkcs8));
    forms.add(Base64.getMimeEncoder().encode(pkcs8));
    forms.add(HexFormat.of().formatHex(pkcs8).getBytes(StandardCharsets.US_ASCII));
    List<BigInteger> numbers =
        switch (key) {
          case RSAPrivateCrtKey rsa ->
              List.of(rsa.getPrivateExponent(), rsa.getPrimeP(), rsa.getPrimeQ());
          case ECPrivateKey ec -> List.of(ec.getS());
          default -> throw new AssertionError(key.getAlgorithm());
        };
    for (BigInteger n : numbers) {
      byte[] raw = n.toByteArray();
      forms.add(raw[0] == 0 ? Arrays.copyOfRange(raw, 1, raw.length) : raw);
      forms.add(n.toString(16).getBytes(StandardCharsets.US_ASCII));
    }
    return forms;
  }

  /** Every value of every column of every table of the vault, as bytes (text as UTF-8). */
  static List<byte[]> dump(VaultDatabase database) throws Exception {
    return database.inTransaction(
        c -> {
          List<byte[]> values = new ArrayList<>();
          for (String table : tables(c)) {
            try (var s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT * FROM " + table)) {
              ResultSetMetaData meta = r.getMetaData();
              while (r.next()) {
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                  Object value = r.getObject(i);
                  if (value instanceof byte[] bytes) {
                    values.add(bytes);
                  } else if (value != null) {
                    values.add(value.toString().getBytes(StandardCharsets.UTF_8));
                  }
                }
              }
            }
          }
          return values;
        });
  }

  private static List<String> tables(Connection c) throws java.sql.SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet r =
        c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
      while (r.next()) {
        tables.add("\"" + r.getString("TABLE_NAME") + "\"");
      }
    }
    assertThat(tables).hasSizeGreaterThanOrEqualTo(10);
    return tables;
  }

  private static boolean containsAnywhere(List<byte[]> values, byte[] needle) {
    for (byte[] value : values) {
      if (indexOf(value, needle) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
