package org.keymail.smime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64DecodingTest {

  @Test
  void decodesWhatTheJdkMimeEncoderWritesAtEverySize() throws IOException {
    Random random = new Random(11);
    for (int size : new int[] {0, 1, 2, 3, 56, 57, 58, 65535, 65536, 65537, 200_001}) {
      byte[] data = new byte[size];
      random.nextBytes(data);
      byte[] encoded = Base64.getMimeEncoder().encode(data);
      assertThat(Streams.base64Decoder(new ByteArrayInputStream(encoded)).readAllBytes()).as("size %d", size).isEqualTo(data);
    }
  }

  @Test
  void skipsLineBreaksAndSpacesAnywhereAndStopsAtThePadding() throws IOException {
    String text = "SGVs bG8s\r\n IHdv\ncmxk IQ==\r\n--boundary trailer";
    assertThat(new String(Streams.base64Decoder(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII))).readAllBytes(),
        StandardCharsets.US_ASCII)).isEqualTo("Hello, world!");
  }

  @Test
  void unpaddedEndIsAcceptedAndADanglingCharacterIsNot() throws IOException {
    assertThat(Streams.base64Decoder(new ByteArrayInputStream("SGk".getBytes(StandardCharsets.US_ASCII))).readAllBytes())
        .isEqualTo("Hi".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> Streams.base64Decoder(new ByteArrayInputStream("SGVsb".getBytes(StandardCharsets.US_ASCII))).readAllBytes())
        .isInstanceOf(IOException.class).hasMessageStartingWith("not valid base64");
  }
}
