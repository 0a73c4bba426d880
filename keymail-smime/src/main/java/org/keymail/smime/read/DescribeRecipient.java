package org.keymail.smime.read;

import java.util.HexFormat;
import org.bouncycastle.cms.KeyAgreeRecipientId;
import org.bouncycastle.cms.KeyTransRecipientId;
import org.bouncycastle.cms.RecipientId;

/** Names the recipient of an encrypted message the way a person can look it up. */
final class DescribeRecipient {

  private DescribeRecipient() {}

  static String of(RecipientId id) {
    if (id instanceof KeyTransRecipientId kt) {
      return describe(kt.getIssuer(), kt.getSerialNumber(), kt.getSubjectKeyIdentifier());
    }
    if (id instanceof KeyAgreeRecipientId ka) {
      return describe(ka.getIssuer(), ka.getSerialNumber(), ka.getSubjectKeyIdentifier());
    }
    return "a recipient of another kind (" + id.getClass().getSimpleName() + ")";
  }

  private static String describe(Object issuer, java.math.BigInteger serial, byte[] keyId) {
    if (issuer != null && serial != null) {
      return "certificate " + serial.toString(16) + " from " + issuer;
    }
    if (keyId != null) {
      return "key id " + HexFormat.of().formatHex(keyId);
    }
    return "an unnamed recipient";
  }
}
