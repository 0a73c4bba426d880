package org.keymail.smime.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.keymail.smime.internal.CrlfOutputStream;

/**
 * The split of a {@code multipart/signed} body gives the signed part exactly as it came, where it
 * is in the body, and the digest of its canonical form exactly as a separate pass would, whatever
 * mix of line ends, long runs of equal lines and near-boundaries it holds, and wherever the
 * reader's buffer breaks it.
 */
class MultipartSignedBodyTest {

  private static final String BOUNDARY = "----=_Part_7";
  private static final String SIGNATURE_PART =
      "Content-Type: application/pkcs7-signature; name=smime.p7s\r\n"
          + "Content-Transfer-Encoding: base64\r\n\r\nMIAGCSqGSIb3DQEHAqCAMIACAQEx\r\n";

  @RepeatedTest(40)
  void signedPartAndItsCanonicalDigestAreAsASeparatePassGivesThem(RepetitionInfo repetition)
      throws Exception {
    Random random = new Random(repetition.getCurrentRepetition());
    assertSplitAsAPassWould(mixedContent(random));
  }

  @Test
  void bareLineEndsRightAfterARunOfEqualLinesAreMadeCrlf() throws Exception {
    String line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0";
    for (String after : new String[] {"\n", "\r", "x\rx\r\n", "\r\r\n", "-x\n", line + "\n"}) {
      StringBuilder content = new StringBuilder();
      for (int i = 0; i < 2000; i++) {
        content.append(line).append("\r\n");
      }
      content.append(line).append(after).append(line).append("\r\n");
      assertSplitAsAPassWould(content.toString().getBytes(StandardCharsets.US_ASCII));
    }
  }

  private static void assertSplitAsAPassWould(byte[] content) throws Exception {
    byte[] body =
        concat(
            ("preamble\r\n--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.US_ASCII),
            content,
            ("\r\n--" + BOUNDARY + "\r\n" + SIGNATURE_PART + "--" + BOUNDARY + "--\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    DetachedContentDigests digests = DetachedContentDigests.forMicalg("sha-256");
    ByteArrayOutputStream asReceived = new ByteArrayOutputStream();
    MultipartSignedBody.Split split =
        MultipartSignedBody.split(new ByteArrayInputStream(body), BOUNDARY, asReceived, digests);
    byte[] signature = split.signaturePart();

    assertThat(asReceived.toByteArray()).isEqualTo(content);
    // where the split says the entity is, a reader of the whole body finds it again
    assertThat(
            Arrays.copyOfRange(
                body,
                (int) split.entityStart(),
                (int) (split.entityStart() + split.entityLength())))
        .isEqualTo(content);
    assertThat(new String(signature, StandardCharsets.US_ASCII)).isEqualTo(SIGNATURE_PART.strip());
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    ByteArrayOutputStream canonical = new ByteArrayOutputStream();
    CrlfOutputStream reference = new CrlfOutputStream(canonical);
    reference.write(content);
    reference.finish();
    assertThat(digests.values().get(NISTObjectIdentifiers.id_sha256))
        .isEqualTo(sha256.digest(canonical.toByteArray()));
    assertThat(digests.canonicalChangedLineEnds()).isEqualTo(reference.changedLineEnds());

    // without a copy (the reader takes the entity from the message again): the same split
    DetachedContentDigests uncopied = DetachedContentDigests.forMicalg("sha-256");
    MultipartSignedBody.Split again =
        MultipartSignedBody.split(new ByteArrayInputStream(body), BOUNDARY, null, uncopied);
    assertThat(again.entityStart()).isEqualTo(split.entityStart());
    assertThat(again.entityLength()).isEqualTo(split.entityLength());
    assertThat(uncopied.values().get(NISTObjectIdentifiers.id_sha256))
        .isEqualTo(digests.values().get(NISTObjectIdentifiers.id_sha256));
  }

  /** Some 200 KB: runs of base64 lines broken by every kind of line that ends or stops a run. */
  private static byte[] mixedContent(Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int lineLength = 10 + random.nextInt(80);
    while (out.size() < 200_000) {
      int kind = random.nextInt(12);
      byte[] text = base64Looking(random, kind == 0 ? random.nextInt(12) : lineLength);
      switch (kind) {
        case 1 -> text[random.nextInt(text.length)] = '\r';
        case 2 -> text[0] = '-';
        case 3 -> text = ("--" + BOUNDARY + "x").getBytes(StandardCharsets.US_ASCII);
        case 4 -> text[random.nextInt(text.length)] = 0x0c;
        default -> {}
      }
      out.writeBytes(text);
      out.writeBytes(random.nextInt(15) == 0 ? new byte[] {'\n'} : new byte[] {'\r', '\n'});
      if (random.nextInt(40) == 0) {
        for (int i = random.nextInt(2000); i > 0; i--) {
          out.writeBytes(base64Looking(random, lineLength));
          out.writeBytes(new byte[] {'\r', '\n'});
        }
      }
    }
    return out.toByteArray();
  }

  private static byte[] base64Looking(Random random, int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
    byte[] line = new byte[length];
    for (int i = 0; i < length; i++) {
      line[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return line;
  }

  private static byte[] concat(byte[]... pieces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] piece : pieces) {
      out.writeBytes(piece);
    }
    return out.toByteArray();
  }
}
