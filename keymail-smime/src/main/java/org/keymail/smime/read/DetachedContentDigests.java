package org.keymail.smime.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.keymail.smime.UnsupportedAlgorithmException;
import org.keymail.smime.internal.CrlfOutputStream;
import org.keymail.smime.internal.CryptoProviders;
import org.keymail.smime.internal.LayerContent;

/**
 * The digests of the signed part of a {@code multipart/signed} message, computed while the part
 * streams by: the signature comes after the content, so the digest algorithms are taken from the
 * {@code micalg} parameter (all common ones when it is missing or unknown), and computed again from
 * the spooled content in the rare case the signature uses another.
 */
final class DetachedContentDigests {

  enum Form {
    /** Line ends made CRLF, as RFC 8551 signs text. */
    CANONICAL,
    /** The bytes exactly as they came. */
    RAW
  }

  private static final Map<ASN1ObjectIdentifier, String> JCA_NAMES = new LinkedHashMap<>();

  static {
    JCA_NAMES.put(NISTObjectIdentifiers.id_sha256, "SHA-256");
    JCA_NAMES.put(NISTObjectIdentifiers.id_sha384, "SHA-384");
    JCA_NAMES.put(NISTObjectIdentifiers.id_sha512, "SHA-512");
    JCA_NAMES.put(OIWObjectIdentifiers.idSHA1, "SHA-1");
    JCA_NAMES.put(NISTObjectIdentifiers.id_sha224, "SHA-224");
    // Ed448 signers digest with SHAKE256, 512 bits out (RFC 8419 §3.1); only Bouncy Castle has it
    JCA_NAMES.put(NISTObjectIdentifiers.id_shake256_len, "SHAKE256-512");
  }

  private final Map<ASN1ObjectIdentifier, MessageDigest> digests;
  private final OutputStream rawSink;
  private final CrlfOutputStream canonical;
  private Map<ASN1ObjectIdentifier, byte[]> values;

  private DetachedContentDigests(Map<ASN1ObjectIdentifier, MessageDigest> digests, Form form) {
    this.digests = digests;
    OutputStream sink =
        new OutputStream() {
          @Override
          public void write(int b) {
            digests.values().forEach(d -> d.update((byte) b));
          }

          @Override
          public void write(byte[] b, int off, int len) {
            digests.values().forEach(d -> d.update(b, off, len));
          }
        };
    this.canonical = form == Form.CANONICAL ? new CrlfOutputStream(sink) : null;
    this.rawSink = sink;
  }

  /** Digests for the algorithms {@code micalg} names (RFC 8551 §3.5.3.2), or all common ones. */
  static DetachedContentDigests forMicalg(String micalg) {
    Map<ASN1ObjectIdentifier, MessageDigest> chosen = new HashMap<>();
    if (micalg != null) {
      for (String name : micalg.split(",")) {
        ASN1ObjectIdentifier oid = fromMicalg(name.trim().toLowerCase(Locale.ROOT));
        if (oid != null) {
          chosen.put(oid, digest(oid));
        }
      }
    }
    if (chosen.isEmpty()) {
      for (ASN1ObjectIdentifier oid :
          List.of(
              NISTObjectIdentifiers.id_sha256,
              NISTObjectIdentifiers.id_sha384,
              NISTObjectIdentifiers.id_sha512,
              OIWObjectIdentifiers.idSHA1)) {
        chosen.put(oid, digest(oid));
      }
    }
    return new DetachedContentDigests(chosen, Form.CANONICAL);
  }

  /** Computes the {@code needed} digests again over the content, read once more. */
  static DetachedContentDigests recompute(
      List<ASN1ObjectIdentifier> needed, LayerContent content, Form form)
      throws IOException, UnsupportedAlgorithmException {
    Map<ASN1ObjectIdentifier, MessageDigest> chosen = new HashMap<>();
    for (ASN1ObjectIdentifier oid : needed) {
      if (!JCA_NAMES.containsKey(oid)) {
        throw new UnsupportedAlgorithmException(
            "the signature uses the digest algorithm "
                + oid.getId()
                + ", which keymail does not support");
      }
      chosen.put(oid, digest(oid));
    }
    DetachedContentDigests digests = new DetachedContentDigests(chosen, form);
    try (InputStream in = content.open()) {
      in.transferTo(digests.canonicalInput());
    }
    return digests;
  }

  private static ASN1ObjectIdentifier fromMicalg(String name) {
    return switch (name.replace("-", "")) {
      case "sha1" -> OIWObjectIdentifiers.idSHA1;
      case "sha224" -> NISTObjectIdentifiers.id_sha224;
      case "sha256" -> NISTObjectIdentifiers.id_sha256;
      case "sha384" -> NISTObjectIdentifiers.id_sha384;
      case "sha512" -> NISTObjectIdentifiers.id_sha512;
      default -> null;
    };
  }

  private static MessageDigest digest(ASN1ObjectIdentifier oid) {
    try {
      return MessageDigest.getInstance(JCA_NAMES.get(oid), CryptoProviders.jdkDigests());
    } catch (NoSuchAlgorithmException notInTheJdk) {
      try {
        return MessageDigest.getInstance(JCA_NAMES.get(oid), CryptoProviders.bouncyCastle());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(
            "neither the JDK nor Bouncy Castle has " + JCA_NAMES.get(oid), e);
      }
    }
  }

  /** Where the content is written while it streams by. */
  OutputStream canonicalInput() {
    return canonical != null ? canonical : rawSink;
  }

  /**
   * Writes content the caller has checked to be whole CRLF lines without another CR or LF (see
   * {@link CrlfOutputStream#writeCheckedLines}), after what went to {@link #canonicalInput()}.
   */
  void writeCheckedLines(byte[] b, int off, int len) throws IOException {
    if (canonical != null) {
      canonical.writeCheckedLines(b, off, len);
    } else {
      rawSink.write(b, off, len);
    }
  }

  /** Whether every algorithm in {@code needed} was computed. */
  boolean covers(List<ASN1ObjectIdentifier> needed) {
    return digests.keySet().containsAll(needed);
  }

  /** Whether making line ends CRLF changed the content (it had bare LFs or CRs). */
  boolean canonicalChangedLineEnds() {
    return canonical != null && canonical.changedLineEnds();
  }

  /** The digest values by algorithm; ends the input. */
  Map<ASN1ObjectIdentifier, byte[]> values() throws IOException {
    if (values == null) {
      if (canonical != null) {
        canonical.finish();
      }
      values = new HashMap<>();
      digests.forEach((oid, d) -> values.put(oid, d.digest()));
    }
    return values;
  }
}
