package org.keymail.smime.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.keymail.smime.MalformedCmsException;

/**
 * Tells which CMS structure a stream holds, from its first bytes, without consuming them: the
 * {@code smime-type} parameter is optional and sometimes wrong, the ContentInfo's OID is not.
 */
enum CmsContentType {
  SIGNED_DATA(CMSObjectIdentifiers.signedData),
  ENVELOPED_DATA(CMSObjectIdentifiers.envelopedData),
  AUTH_ENVELOPED_DATA(CMSObjectIdentifiers.authEnvelopedData),
  COMPRESSED_DATA(CMSObjectIdentifiers.compressedData);

  private final ASN1ObjectIdentifier oid;

  CmsContentType(ASN1ObjectIdentifier oid) {
    this.oid = oid;
  }

  static CmsContentType peek(BufferedInputStream in) throws IOException, MalformedCmsException {
    in.mark(64);
    byte[] head = in.readNBytes(64);
    in.reset();
    if (head.length == 0) {
      throw new MalformedCmsException("the S/MIME part is empty");
    }
    int i = 0;
    if ((head[i++] & 0xff) != 0x30 || head.length < 4) {
      throw new MalformedCmsException(
          "the S/MIME part is not a CMS structure (it does not start with an ASN.1 SEQUENCE)");
    }
    int length = head[i++] & 0xff;
    if (length > 0x80) {
      i += length & 0x7f;
    }
    if (i + 2 > head.length || head[i] != 0x06) {
      throw new MalformedCmsException("the S/MIME part is not a CMS ContentInfo (no content type)");
    }
    int oidLength = head[i + 1] & 0xff;
    if (oidLength > 0x7f || i + 2 + oidLength > head.length) {
      throw new MalformedCmsException("the S/MIME part's content type is garbled");
    }
    ASN1ObjectIdentifier found;
    try {
      byte[] encoded = new byte[2 + oidLength];
      System.arraycopy(head, i, encoded, 0, encoded.length);
      found = ASN1ObjectIdentifier.getInstance(encoded);
    } catch (IllegalArgumentException garbled) {
      throw new MalformedCmsException("the S/MIME part's content type is garbled");
    }
    for (CmsContentType type : values()) {
      if (type.oid.equals(found)) {
        return type;
      }
    }
    throw new MalformedCmsException(
        "the S/MIME part holds CMS content of type "
            + found.getId()
            + ", which is neither signed nor encrypted data");
  }
}
