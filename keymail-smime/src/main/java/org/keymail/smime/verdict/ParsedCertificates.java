package org.keymail.smime.verdict;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.cert.X509CertificateHolder;
import org.keymail.smime.address.AddressReading;

/**
 * Certificates as parsed from their encoding, remembered by the exact bytes: mail from the same
 * sender carries the same certificates in every message, and parsing them (twice: once for Bouncy
 * Castle's signer matching, once for the JDK's path and usage checks) cost more than checking the
 * signature.
 *
 * <p>Only the parsing is remembered, never a judgement: the same bytes always parse to the same
 * certificate, and both forms are immutable. Validity, trust, path and revocation are judged on
 * every use by the rules. Holds at most {@value #CAPACITY} certificates of at most {@value
 * #MAX_REMEMBERED_BYTES} bytes each, the least recently used leaving first. Safe for use by several
 * threads.
 */
final class ParsedCertificates {

  static final int CAPACITY = 512;

  /**
   * Certificates larger than this are parsed but not remembered: real ones are 1–2 KiB, and a
   * message must not fill the reader's memory with a few huge ones.
   */
  static final int MAX_REMEMBERED_BYTES = 16 << 10;

  private static final ParsedCertificates SHARED =
      new ParsedCertificates(CAPACITY, MAX_REMEMBERED_BYTES);

  /**
   * One certificate, in Bouncy Castle's form and the JDK's, with what is read from it (its address
   * entries, digests of its encoding) remembered once read: like the parsing, the same bytes always
   * read the same.
   */
  record Parsed(X509CertificateHolder holder, X509Certificate certificate, Readings readings) {

    Parsed(X509CertificateHolder holder, X509Certificate certificate) {
      this(holder, certificate, new Readings());
    }

    /** {@link SignerIdentity#read(X509Certificate)} of the certificate. */
    List<AddressReading> addressReadings() {
      List<AddressReading> read = readings.addresses;
      if (read == null) {
        read = List.copyOf(SignerIdentity.read(certificate));
        readings.addresses = read;
      }
      return read;
    }

    /**
     * The digest of the certificate's encoding with the JCA digest {@code algorithm} (a name or an
     * OID); not to be changed.
     */
    byte[] digest(String algorithm) throws GeneralSecurityException {
      byte[] digest = readings.digests.get(algorithm);
      if (digest == null) {
        digest = MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
        if (readings.digests.size() < MAX_DIGESTS) {
          readings.digests.put(algorithm, digest);
        }
      }
      return digest;
    }
  }

  /** How many digests of one certificate are remembered: SHA-256 and a few others in practice. */
  private static final int MAX_DIGESTS = 4;

  /** What has been read from one certificate. */
  static final class Readings {
    private volatile List<AddressReading> addresses;
    private final Map<String, byte[]> digests = new ConcurrentHashMap<>();
  }

  private final Map<Encoding, Parsed> parsed;
  private final int maxRememberedBytes;

  ParsedCertificates(int capacity, int maxRememberedBytes) {
    this.maxRememberedBytes = maxRememberedBytes;
    this.parsed =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Encoding, Parsed> eldest) {
            return size() > capacity;
          }
        };
  }

  static ParsedCertificates shared() {
    return SHARED;
  }

  /** The certificate encoded as {@code der}, or empty when it does not parse. */
  Optional<Parsed> parse(byte[] der) {
    Encoding key = new Encoding(der);
    Parsed known;
    synchronized (parsed) {
      known = parsed.get(key);
    }
    if (known != null) {
      return Optional.of(known);
    }
    Parsed fresh;
    byte[] copy = der.clone();
    try {
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(copy));
      fresh = new Parsed(new X509CertificateHolder(copy), certificate);
    } catch (CertificateException | IOException | RuntimeException unusable) {
      // The JDK and Bouncy Castle reject some malformed certificates unchecked.
      return Optional.empty(); // not remembered: it costs the sender, not the reader's memory
    }
    if (copy.length <= maxRememberedBytes) {
      synchronized (parsed) {
        parsed.put(new Encoding(copy), fresh);
      }
    }
    return Optional.of(fresh);
  }

  /** Bytes compared by content. */
  private static final class Encoding {
    private final byte[] bytes;
    private final int hash;

    Encoding(byte[] bytes) {
      this.bytes = bytes;
      this.hash = Arrays.hashCode(bytes);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Encoding other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
