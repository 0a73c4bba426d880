package org.keymail.smime.keys;

import java.math.BigInteger;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.PBEParametersGenerator;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS12ParametersGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.Arrays;

/**
 * The integrity MAC of a PKCS#12 file (RFC 7292, appendix B: HMAC under a key from the PKCS#12 key
 * derivation), checked with Bouncy Castle's primitives. Done here rather than by {@code
 * PKCS12PfxPdu.isMacValid} so that an empty password reads both ways it is written: as nothing, and
 * as the two zero bytes of an empty BMPString that OpenSSL and Windows write.
 */
final class Pkcs12Mac {

  private static final Map<ASN1ObjectIdentifier, java.util.function.Supplier<Digest>> DIGESTS =
      Map.of(
          OIWObjectIdentifiers.idSHA1, SHA1Digest::new,
          NISTObjectIdentifiers.id_sha224, SHA224Digest::new,
          NISTObjectIdentifiers.id_sha256, SHA256Digest::new,
          NISTObjectIdentifiers.id_sha384, SHA384Digest::new,
          NISTObjectIdentifiers.id_sha512, SHA512Digest::new);

  private Pkcs12Mac() {}

  /** Whether {@code mac} is this digest algorithm's; false for one keymail cannot compute. */
  static boolean knows(MacData mac) {
    return DIGESTS.containsKey(mac.getMac().getAlgorithmId().getAlgorithm());
  }

  /** Whether the file's MAC holds under {@code password}. */
  static boolean holds(Pfx pfx, char[] password) {
    MacData mac = pfx.getMacData();
    byte[] content = ASN1OctetString.getInstance(pfx.getAuthSafe().getContent()).getOctets();
    byte[] encoded = PBEParametersGenerator.PKCS12PasswordToBytes(password);
    if (holds(mac, content, encoded)) {
      return true;
    }
    // An empty password, written as the empty BMPString's terminator.
    return password.length == 0 && holds(mac, content, new byte[2]);
  }

  private static boolean holds(MacData mac, byte[] content, byte[] password) {
    Digest digest = DIGESTS.get(mac.getMac().getAlgorithmId().getAlgorithm()).get();
    BigInteger iterations = mac.getIterationCount();
    PKCS12ParametersGenerator keys = new PKCS12ParametersGenerator(digest);
    keys.init(password, mac.getSalt(), iterations.intValueExact());
    KeyParameter key = (KeyParameter) keys.generateDerivedMacParameters(digest.getDigestSize() * 8);
    HMac hmac = new HMac(DIGESTS.get(mac.getMac().getAlgorithmId().getAlgorithm()).get());
    hmac.init(key);
    hmac.update(content, 0, content.length);
    byte[] computed = new byte[hmac.getMacSize()];
    hmac.doFinal(computed, 0);
    return Arrays.constantTimeAreEqual(computed, mac.getMac().getDigest());
  }
}
