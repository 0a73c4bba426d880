package org.keymail.smime.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keymail.smime.SmimeException;
import org.keymail.smime.read.Layer;
import org.keymail.smime.read.ReadResult;

/**
 * The fuzz seeds must read cleanly with the fuzz keys: a seed that is already refused only teaches
 * the fuzzer the refusal path, and the decryption and verification code would go unfuzzed.
 */
class SeedCorpusTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          plain.eml                 |
          signed-detached-rsa.eml   | signed DETACHED VALID_TRUSTED
          signed-detached-ecdsa.eml | signed DETACHED VALID_UNTRUSTED
          signed-opaque-rsa.eml     | signed OPAQUE VALID_TRUSTED
          encrypted-cbc-rsa.eml     | encrypted AES256_CBC
          encrypted-gcm-rsa.eml     | encrypted AES256_GCM
          encrypted-cbc-ecdh.eml    | encrypted AES256_CBC
          encrypted-cbc-oaep.eml    | encrypted AES256_CBC
          signed-then-encrypted.eml | encrypted AES256_GCM, signed DETACHED VALID_TRUSTED
          """)
  void seedReadsToItsLayers(String seed, String expectedLayers) throws IOException, SmimeException {
    try (InputStream in = resource("MessageReaderFuzzTestInputs/readMessage/" + seed);
        ReadResult result = FuzzReader.create().read(in)) {
      assertThat(describe(result.layers())).isEqualTo(expectedLayers == null ? "" : expectedLayers);
    }
  }

  private static String describe(List<Layer> layers) {
    return String.join(
        ", ",
        layers.stream()
            .map(
                layer ->
                    switch (layer) {
                      case Layer.Encrypted e -> "encrypted " + e.cipher().name();
                      case Layer.Signed s -> "signed " + s.form() + " " + s.verdict().status();
                    })
            .toList());
  }

  private static InputStream resource(String name) {
    InputStream in = SeedCorpusTest.class.getResourceAsStream("/org/keymail/smime/fuzz/" + name);
    assertThat(in).as("seed " + name).isNotNull();
    return in;
  }
}
