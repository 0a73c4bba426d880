package org.keymail.smime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.BEROctetString;
import org.bouncycastle.asn1.BERSequence;
import org.bouncycastle.asn1.BERSet;
import org.bouncycastle.asn1.BERTaggedObject;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.junit.jupiter.api.Test;

class DefiniteLengthsTest {

  private static final HexFormat HEX = HexFormat.of();

  /**
   * A DER "certificate" large enough for long-form lengths, inside BER layers as signers write
   * them.
   */
  private static byte[] certificateLike() throws IOException {
    ASN1EncodableVector fields = new ASN1EncodableVector();
    fields.add(new ASN1Integer(12345));
    fields.add(new DERUTF8String("x".repeat(300)));
    fields.add(new DEROctetString(new byte[70_000]));
    return new DERSequence(fields).getEncoded(ASN1Encoding.DER);
  }

  private static byte[] berSignatureLike(byte[] certificate) throws IOException {
    ASN1EncodableVector certificates = new ASN1EncodableVector();
    certificates.add(ASN1Primitive.fromByteArray(certificate));
    ASN1EncodableVector signedData = new ASN1EncodableVector();
    signedData.add(new ASN1Integer(1));
    signedData.add(new BERSet(new ASN1EncodableVector()));
    signedData.add(new BERSequence(new ASN1ObjectIdentifier("1.2.840.113549.1.7.1")));
    signedData.add(new BERTaggedObject(false, 0, new BERSet(certificates)));
    signedData.add(new BEROctetString(new byte[5000])); // constructed, in 1000-byte pieces
    ASN1EncodableVector contentInfo = new ASN1EncodableVector();
    contentInfo.add(new ASN1ObjectIdentifier("1.2.840.113549.1.7.2"));
    contentInfo.add(new BERTaggedObject(true, 0, new BERSequence(signedData)));
    return new BERSequence(contentInfo).getEncoded(ASN1Encoding.BER);
  }

  @Test
  void indefiniteLengthsBecomeDefiniteAndTheValueStaysTheSame() throws IOException {
    byte[] certificate = certificateLike();
    byte[] ber = berSignatureLike(certificate);
    assertThat(ber[1] & 0xff).isEqualTo(0x80);

    byte[] definite = DefiniteLengths.of(ber);

    assertThat(ASN1Primitive.fromByteArray(definite)).isEqualTo(ASN1Primitive.fromByteArray(ber));
    assertThat(new ASN1InputStream(definite, true).readObject())
        .isEqualTo(ASN1Primitive.fromByteArray(ber));
    // Re-encoding again changes nothing: no indefinite length is left.
    assertThat(DefiniteLengths.of(definite)).isSameAs(definite);
  }

  @Test
  void elementsWithNoIndefiniteLengthInsideAreCopiedByteForByte() throws IOException {
    byte[] certificate = certificateLike();
    byte[] definite = DefiniteLengths.of(berSignatureLike(certificate));
    int at = indexOf(definite, certificate);
    assertThat(at).isPositive();
  }

  @Test
  void lengthsAreWrittenInTheShortestForm() throws IOException {
    // SEQUENCE (indefinite) { SEQUENCE (indefinite) { INTEGER 1 } }
    assertThat(DefiniteLengths.of(HEX.parseHex("3080" + "3080" + "020101" + "0000" + "0000")))
        .isEqualTo(HEX.parseHex("3005" + "3003" + "020101"));
    // 203 bytes of content take the form 81 CB; 65,540 bytes the form 83 01 00 04
    assertThat(DefiniteLengths.of(HEX.parseHex("3080" + "0481c8" + "00".repeat(200) + "0000")))
        .isEqualTo(HEX.parseHex("3081cb" + "0481c8" + "00".repeat(200)));
    assertThat(
            DefiniteLengths.of(
                HEX.parseHex("3080" + "04820000" + "0482fffc" + "00".repeat(65532) + "0000")))
        .isEqualTo(HEX.parseHex("3083010004" + "04820000" + "0482fffc" + "00".repeat(65532)));
  }

  @Test
  void aPrimitiveWithAnIndefiniteLengthIsRefused() {
    assertThatThrownBy(() -> DefiniteLengths.of(HEX.parseHex("3080" + "0480" + "0000" + "0000")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("primitive");
  }

  @Test
  void brokenEncodingsAreRefusedWithAnIOException() {
    for (String hex :
        new String[] {
          "", // nothing
          "30", // no length
          "3080", // no end-of-contents
          "30800201", // ends inside an element
          "3080020101", // no end-of-contents after the last element
          "3003020101" + "00", // extra data after the element
          "300402010100", // an inner element longer than what contains it... and extra content
          "3085ffffffffff", // a length longer than keymail reads
          "3084ffffffff", // a length beyond the data
          "1f", // a tag with no end
          "1fffffffffff7f00", // a tag longer than keymail reads
        }) {
      assertThatThrownBy(() -> DefiniteLengths.of(HEX.parseHex(hex)))
          .as(hex)
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void nestingDeeperThanTheLimitIsRefused() {
    int depth = DefiniteLengths.MAX_DEPTH + 2;
    byte[] ber = new byte[depth * 4];
    for (int i = 0; i < depth; i++) {
      ber[2 * i] = 0x30;
      ber[2 * i + 1] = (byte) 0x80;
    }
    // the end-of-contents octets are already zero
    assertThatThrownBy(() -> DefiniteLengths.of(ber))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("levels");
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
