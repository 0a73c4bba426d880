package org.keymail.smime.keys;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.PBEParameter;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;
import org.keymail.smime.CertificateNames;
import org.keymail.smime.internal.CryptoProviders;
import org.keymail.smime.path.IssuerChain;

/**
 * Reads the private keys and certificate chains of a PKCS#12 file ({@code .p12}, {@code .pfx}),
 * step by step with Bouncy Castle's PKCS#12 classes, so that nothing costly happens before it is
 * judged: every password-based step (the integrity MAC, each encrypted container, each shrouded
 * key) names its iteration count, and a count above the limit is refused before a single iteration
 * runs — a file asking for millions would otherwise cost seconds of server CPU. Every key must
 * belong to its certificate ({@link KeyPairCheck}).
 *
 * <p>keymail's one PKCS#12 reader: the vault imports with it, and the CLI reads {@code --p12} with
 * it. Each failure is a {@link Pkcs12Exception} naming its {@link Pkcs12Problem}, with a sentence a
 * person can act on; a parser's own message goes only into the exception's cause. Immutable; safe
 * to share.
 */
public final class Pkcs12Reader {

  /** A private key and its certificate chain (own certificate first). */
  public record Entry(PrivateKey key, List<X509Certificate> chain) {
    public Entry {
      Objects.requireNonNull(key, "key");
      chain = List.copyOf(chain);
    }

    /** The key's own certificate. */
    public X509Certificate certificate() {
      return chain.get(0);
    }

    /** The certificates above the key's own, as far as the file holds them. */
    public List<X509Certificate> issuers() {
      return chain.subList(1, chain.size());
    }

    @Override
    public String toString() {
      return "Entry[" + CertificateNames.subject(chain.get(0)) + ", key=[redacted]]";
    }
  }

  /** A bound that no exporter in common use comes near (OpenSSL 2,048; Windows 2,000–10,000). */
  public static final int DEFAULT_MAX_ITERATIONS = 600_000;

  private static final String NOT_PKCS12 = "the file is not a PKCS#12 (.p12/.pfx) file";
  private static final String DAMAGED = "the PKCS#12 file is damaged and cannot be read";
  private static final String WRONG_PASSWORD = "wrong password for the PKCS#12 file";

  private final int maxIterations;

  public Pkcs12Reader(int maxIterations) {
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be positive, not " + maxIterations);
    }
    this.maxIterations = maxIterations;
  }

  /**
   * Reads {@code file} with {@code password} (empty for a file without one): every private key with
   * its chain, in the file's order.
   *
   * @throws Pkcs12Exception when the file is not PKCS#12, is damaged, asks for too many iterations,
   *     the password does not open it, it holds no key, or a key comes without its certificate or
   *     with another key's
   */
  public List<Entry> read(byte[] file, char[] password) throws Pkcs12Exception {
    PKCS12PfxPdu pfx = parse(file);
    InputDecryptorProvider decryptor = boundedDecryptor(password);
    if (pfx.hasMac()) {
      checkMac(pfx, password);
    }
    List<PKCS12SafeBag> bags = bags(pfx, decryptor);
    List<X509Certificate> certificates = new ArrayList<>();
    Map<PKCS12SafeBag, X509Certificate> certificateOfBag = new LinkedHashMap<>();
    for (PKCS12SafeBag bag : bags) {
      if (bag.getType().equals(PKCSObjectIdentifiers.certBag)) {
        X509Certificate certificate = certificate(bag);
        certificates.add(certificate);
        certificateOfBag.put(bag, certificate);
      }
    }
    List<Entry> entries = new ArrayList<>();
    for (PKCS12SafeBag bag : bags) {
      PrivateKeyInfo info = privateKeyInfo(bag, decryptor);
      if (info == null) {
        continue;
      }
      PrivateKey key = privateKey(info);
      X509Certificate own = ownCertificate(bag, key, certificateOfBag);
      checkPair(key, own);
      entries.add(new Entry(key, chain(own, certificates)));
    }
    if (entries.isEmpty()) {
      throw new Pkcs12Exception(
          Pkcs12Problem.NO_KEY, "the PKCS#12 file holds no private key, only certificates", null);
    }
    return entries;
  }

  private static PKCS12PfxPdu parse(byte[] file) throws Pkcs12Exception {
    try {
      return new PKCS12PfxPdu(file);
    } catch (IOException | RuntimeException e) {
      // Bouncy Castle reports a damaged PKCS#12 structure with unchecked exceptions as well.
      throw new Pkcs12Exception(Pkcs12Problem.NOT_PKCS12, NOT_PKCS12, e);
    }
  }

  private void checkMac(PKCS12PfxPdu pfx, char[] password) throws Pkcs12Exception {
    MacData mac = pfx.toASN1Structure().getMacData();
    checkIterations(mac.getIterationCount(), "its integrity check");
    if (!Pkcs12Mac.knows(mac)) {
      throw new Pkcs12Exception(
          Pkcs12Problem.UNREADABLE,
          "the PKCS#12 file's integrity check uses an algorithm keymail does not read ("
              + mac.getMac().getAlgorithmId().getAlgorithm().getId()
              + ")",
          null);
    }
    boolean valid;
    try {
      valid = Pkcs12Mac.holds(pfx.toASN1Structure(), password);
    } catch (RuntimeException e) {
      // Bouncy Castle reports a damaged PKCS#12 structure with unchecked exceptions as well.
      throw new Pkcs12Exception(Pkcs12Problem.UNREADABLE, DAMAGED, e);
    }
    if (!valid) {
      throw new Pkcs12Exception(Pkcs12Problem.WRONG_PASSWORD, WRONG_PASSWORD, null);
    }
  }

  private List<PKCS12SafeBag> bags(PKCS12PfxPdu pfx, InputDecryptorProvider decryptor)
      throws Pkcs12Exception {
    List<PKCS12SafeBag> bags = new ArrayList<>();
    try {
      for (var content : pfx.getContentInfos()) {
        PKCS12SafeBagFactory factory =
            content.getContentType().equals(PKCSObjectIdentifiers.encryptedData)
                ? new PKCS12SafeBagFactory(content, decryptor)
                : new PKCS12SafeBagFactory(content);
        bags.addAll(Arrays.asList(factory.getSafeBags()));
      }
    } catch (PKCSException e) {
      // The MAC held (or there is none): a container that does not decrypt has the wrong password.
      throw notDecrypted(e);
    } catch (RuntimeException e) {
      // Bouncy Castle reports a damaged PKCS#12 structure with unchecked exceptions as well.
      throw unreadable(e);
    }
    return bags;
  }

  private PrivateKeyInfo privateKeyInfo(PKCS12SafeBag bag, InputDecryptorProvider decryptor)
      throws Pkcs12Exception {
    try {
      if (bag.getType().equals(PKCSObjectIdentifiers.keyBag)) {
        return (PrivateKeyInfo) bag.getBagValue();
      }
      if (bag.getType().equals(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag)) {
        return ((PKCS8EncryptedPrivateKeyInfo) bag.getBagValue()).decryptPrivateKeyInfo(decryptor);
      }
      return null;
    } catch (PKCSException e) {
      throw notDecrypted(e);
    } catch (RuntimeException e) {
      // Bouncy Castle reports a damaged PKCS#12 structure with unchecked exceptions as well.
      throw unreadable(e);
    }
  }

  /** What a decryption that failed means: too many iterations asked for, else a wrong password. */
  private static Pkcs12Exception notDecrypted(PKCSException failure) throws Pkcs12Exception {
    refuseIfTooMany(failure);
    return new Pkcs12Exception(Pkcs12Problem.WRONG_PASSWORD, WRONG_PASSWORD, failure);
  }

  /** What a parser's failure means: too many iterations asked for, else a damaged file. */
  private static Pkcs12Exception unreadable(RuntimeException failure) throws Pkcs12Exception {
    refuseIfTooMany(failure);
    return new Pkcs12Exception(Pkcs12Problem.UNREADABLE, DAMAGED, failure);
  }

  private static PrivateKey privateKey(PrivateKeyInfo info) throws Pkcs12Exception {
    try {
      return new JcaPEMKeyConverter().getPrivateKey(info);
    } catch (IOException | RuntimeException e) {
      // Bouncy Castle reports a damaged PKCS#12 structure with unchecked exceptions as well.
      throw new Pkcs12Exception(
          Pkcs12Problem.UNSUPPORTED_KEY,
          "the PKCS#12 file holds a private key of a kind keymail does not read ("
              + info.getPrivateKeyAlgorithm().getAlgorithm().getId()
              + ")",
          e);
    }
  }

  private static X509Certificate certificate(PKCS12SafeBag bag) throws Pkcs12Exception {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate((X509CertificateHolder) bag.getBagValue());
    } catch (ClassCastException e) {
      throw new Pkcs12Exception(
          Pkcs12Problem.UNREADABLE, "the PKCS#12 file holds a certificate that is not X.509", e);
    } catch (CertificateException | RuntimeException e) {
      // Bouncy Castle reports a damaged PKCS#12 structure with unchecked exceptions as well.
      throw new Pkcs12Exception(
          Pkcs12Problem.UNREADABLE, "the PKCS#12 file holds a damaged certificate", e);
    }
  }

  /** The certificate of {@code keyBag}: the one with the same local key id, else the same key. */
  private static X509Certificate ownCertificate(
      PKCS12SafeBag keyBag, PrivateKey key, Map<PKCS12SafeBag, X509Certificate> certificates)
      throws Pkcs12Exception {
    ASN1Encodable keyId = localKeyId(keyBag);
    if (keyId != null) {
      for (var candidate : certificates.entrySet()) {
        if (keyId.equals(localKeyId(candidate.getKey()))) {
          return candidate.getValue();
        }
      }
    }
    for (X509Certificate candidate : certificates.values()) {
      if (KeyPairCheck.belongTogether(key, candidate.getPublicKey())) {
        return candidate;
      }
    }
    throw new Pkcs12Exception(
        Pkcs12Problem.KEY_WITHOUT_CERTIFICATE,
        "a private key in the PKCS#12 file comes without its certificate; export the file again"
            + " with the certificate included",
        null);
  }

  /** Bouncy Castle wraps what its decryptor callback throws; the refusal is found among causes. */
  private static void refuseIfTooMany(Throwable failure) throws Pkcs12Exception {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof TooManyIterations tooMany) {
        throw tooMany.refusal();
      }
    }
  }

  private static ASN1Encodable localKeyId(PKCS12SafeBag bag) {
    if (bag.getAttributes() == null) {
      return null; // a bag without attributes, as "openssl pkcs12 -nocerts" writes its key
    }
    for (var attribute : bag.getAttributes()) {
      if (attribute.getAttrType().equals(PKCSObjectIdentifiers.pkcs_9_at_localKeyId)
          && attribute.getAttrValues().size() > 0) {
        return attribute.getAttrValues().getObjectAt(0);
      }
    }
    return null;
  }

  /** {@code own}, then its issuers among {@code certificates}, as far as they go. */
  private static List<X509Certificate> chain(
      X509Certificate own, List<X509Certificate> certificates) {
    List<X509Certificate> chain = new ArrayList<>(List.of(own));
    chain.addAll(IssuerChain.issuersOf(own, certificates));
    return chain;
  }

  /** The key must belong to the certificate, or signatures made with it would never verify. */
  private static void checkPair(PrivateKey key, X509Certificate certificate)
      throws Pkcs12Exception {
    if (!KeyPairCheck.belongTogether(key, certificate.getPublicKey())) {
      throw new Pkcs12Exception(
          Pkcs12Problem.KEY_NOT_OF_CERTIFICATE,
          "a private key in the PKCS#12 file does not belong to its certificate "
              + CertificateNames.subject(certificate),
          null);
    }
  }

  /** Bouncy Castle's decryptor, refusing any step whose iteration count is over the limit. */
  private InputDecryptorProvider boundedDecryptor(char[] password) {
    InputDecryptorProvider decryptor =
        new JcePKCSPBEInputDecryptorProviderBuilder()
            .setProvider(CryptoProviders.bouncyCastle())
            // OpenSSL writes an empty password as an empty BMPString's two zero bytes.
            .setTryWrongPKCS12Zero(password.length == 0)
            .build(password);
    return algorithm -> {
      BigInteger iterations = iterations(algorithm);
      if (iterations == null || iterations.compareTo(BigInteger.valueOf(maxIterations)) > 0) {
        throw new TooManyIterations(iterations);
      }
      if (password.length == 0) {
        Optional<org.bouncycastle.operator.InputDecryptor> empty =
            EmptyPasswordPbes2.decryptor(algorithm);
        if (empty.isPresent()) {
          return empty.get();
        }
      }
      return decryptor.get(algorithm);
    };
  }

  private void checkIterations(BigInteger iterations, String where) throws Pkcs12Exception {
    if (iterations.compareTo(BigInteger.valueOf(maxIterations)) > 0) {
      throw tooMany(iterations, where);
    }
  }

  private Pkcs12Exception tooMany(BigInteger iterations, String where) {
    return new Pkcs12Exception(
        Pkcs12Problem.TOO_COSTLY,
        "the PKCS#12 file asks for "
            + iterations
            + " password iterations in "
            + where
            + "; keymail reads files with at most "
            + maxIterations
            + " (export it again with the usual settings)",
        null);
  }

  /** The iteration count of a password-based encryption scheme; null when it cannot be told. */
  private static BigInteger iterations(AlgorithmIdentifier algorithm) {
    ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
    ASN1Encodable parameters = algorithm.getParameters();
    try {
      if (oid.equals(PKCSObjectIdentifiers.id_PBES2)) {
        var kdf = PBES2Parameters.getInstance(parameters).getKeyDerivationFunc();
        if (kdf.getAlgorithm().equals(PKCSObjectIdentifiers.id_PBKDF2)) {
          return PBKDF2Params.getInstance(kdf.getParameters()).getIterationCount();
        }
        // scrypt and others state their cost otherwise; keymail does not read them.
        return null;
      }
      if (oid.on(PKCSObjectIdentifiers.pkcs_12PbeIds)) {
        return PKCS12PBEParams.getInstance(parameters).getIterations();
      }
      return PBEParameter.getInstance(parameters).getIterationCount();
    } catch (RuntimeException unreadable) {
      // Bouncy Castle reports a damaged PKCS#12 structure with unchecked exceptions as well.
      return null;
    }
  }

  /** Carries an over-the-limit count out of Bouncy Castle's callback. */
  private final class TooManyIterations extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final BigInteger iterations;

    TooManyIterations(BigInteger iterations) {
      super(null, null, false, false);
      this.iterations = iterations;
    }

    Pkcs12Exception refusal() {
      return iterations == null
          ? new Pkcs12Exception(
              Pkcs12Problem.UNREADABLE,
              "the PKCS#12 file is encrypted with a password scheme keymail does not read; export it"
                  + " again with AES and PBKDF2 (the usual settings)",
              null)
          : tooMany(iterations, "its encryption");
    }
  }
}
