package org.keymail.smime.sign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.smime.SMIMEEncryptionKeyPreferenceAttribute;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.keymail.smime.KeyHandle;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.MalformedMessageException;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.smime.SmimeException;
import org.keymail.smime.encrypt.SmimeCapabilities;
import org.keymail.smime.internal.CryptoProviders;
import org.keymail.smime.internal.HeaderBlock;
import org.keymail.smime.internal.HeaderField;
import org.keymail.smime.internal.OutgoingEntity;
import org.keymail.smime.internal.Streams;

/**
 * Signs a message with S/MIME (RFC 8551): {@code multipart/signed} by default, opaque {@code
 * application/pkcs7-mime} on request.
 *
 * <p>The signature carries the signed attributes mail clients rely on: content type, message
 * digest, signing time, CMS algorithm protection, {@code SMIMECapabilities} (what keymail can
 * decrypt), {@code SMIMEEncryptionKeyPreference} and {@code SigningCertificateV2}. The message is
 * streamed: memory use does not grow with its size (an 8-bit body re-encoded for {@code
 * multipart/signed} passes through a {@code Spool}).
 *
 * <p>Immutable and safe to share between threads; build one with {@link #builder(KeyHandle)}.
 */
public final class MessageSigner {

  private static final byte[] CRLF = {'\r', '\n'};
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyHandle key;
  private final SignatureAlgorithm algorithm;
  private final List<X509Certificate> chain;
  private final CertificateInclusion inclusion;
  private final SignatureForm form;
  private final Clock clock;

  /** Signed attributes that are the same for every message this signer signs. */
  private final List<Attribute> fixedAttributes;

  private final JcaCertStore certificateStore;

  /** Parsed once: Bouncy Castle's JCA builder would parse the certificate for every message. */
  private final X509CertificateHolder signerCertificate;

  private final DigestCalculatorProvider digests;

  /**
   * The signing-time attribute of the last second anything was signed in: it has a resolution of a
   * second, and Bouncy Castle formats and parses a date for every new one.
   */
  private volatile SigningTime lastSigningTime;

  private record SigningTime(long epochSecond, Attribute attribute) {}

  private MessageSigner(Builder b) {
    this.key = b.key;
    this.algorithm =
        b.algorithm != null
            ? b.algorithm
            : SignatureAlgorithm.defaultFor(b.key.certificate().getPublicKey());
    this.chain = List.copyOf(b.chain);
    this.inclusion = b.inclusion;
    this.form = b.form;
    this.clock = b.clock;
    requireMatchingKey(algorithm, key.certificate());
    try {
      this.fixedAttributes = fixedAttributes(key.certificate());
      List<X509Certificate> certificates = certificatesToInclude();
      this.certificateStore = certificates.isEmpty() ? null : new JcaCertStore(certificates);
      this.signerCertificate = new JcaX509CertificateHolder(key.certificate());
      this.digests =
          new JcaDigestCalculatorProviderBuilder()
              .setProvider(CryptoProviders.jdkDigests())
              .build();
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("the JDK's digests are missing", e);
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException(
          "the signing certificate cannot be encoded: " + e.getMessage(), e);
    }
  }

  private static List<Attribute> fixedAttributes(X509Certificate certificate)
      throws CertificateEncodingException {
    return List.of(
        Attribute.getInstance(SmimeCapabilities.keymail().toAttribute().toASN1Primitive()),
        Attribute.getInstance(
            new SMIMEEncryptionKeyPreferenceAttribute(
                    new IssuerAndSerialNumber(
                        new JcaX509CertificateHolder(certificate).toASN1Structure()))
                .toASN1Primitive()),
        new Attribute(
            PKCSObjectIdentifiers.id_aa_signingCertificateV2,
            new DERSet(
                new SigningCertificateV2(new ESSCertIDv2(sha256(certificate.getEncoded()))))));
  }

  public static Builder builder(KeyHandle key) {
    return new Builder(key);
  }

  private static void requireMatchingKey(
      SignatureAlgorithm algorithm, X509Certificate certificate) {
    String keyType = certificate.getPublicKey().getAlgorithm();
    boolean rsa = keyType.equals("RSA") || keyType.equals("RSASSA-PSS");
    boolean ec = keyType.equals("EC");
    boolean fits = algorithm.keyFamily() == SignatureAlgorithm.KeyFamily.RSA ? rsa : ec;
    if (!fits) {
      throw new IllegalArgumentException(
          algorithm.displayName()
              + " needs an "
              + algorithm.keyFamily()
              + " key, but the signing certificate's key is "
              + keyType);
    }
  }

  /** The algorithm this signer uses. */
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * Reads a whole message (header fields, empty line, body; CRLF or LF line ends) and writes it
   * signed: the message's own fields (From, To, Subject, …) stay outside, its Content-* fields and
   * body become the signed entity. Output line ends are CRLF.
   *
   * @throws MalformedMessageException when the input's header block cannot be read
   * @throws KeyUseException when the key's holder refuses to sign
   */
  public void sign(InputStream message, OutputStream signedMessage)
      throws SmimeException, IOException {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(signedMessage, "signedMessage");
    message = Streams.buffered(message);
    signedMessage = Streams.buffered(signedMessage);
    HeaderBlock headers = HeaderBlock.read(message);
    OutgoingEntity entity = OutgoingEntity.of(headers, message);
    try {
      if (form == SignatureForm.DETACHED) {
        writeDetached(headers.messageFields(), entity, signedMessage);
      } else {
        writeOpaque(headers.messageFields(), entity, signedMessage);
      }
    } catch (KeyHandleContentSigner.KeyRefused refused) {
      throw refused.keyUseException();
    } catch (CMSException e) {
      throw new IOException("cannot build the signature: " + e.getMessage(), e);
    }
    signedMessage.flush();
  }

  private void writeDetached(HeaderBlock messageFields, OutgoingEntity entity, OutputStream out)
      throws IOException, CMSException, MalformedMessageException {
    String boundary = "----keymail-" + HexFormat.of().formatHex(randomBytes(12));
    messageFields
        .with(HeaderField.of("MIME-Version", "1.0"))
        .with(
            HeaderField.of(
                "Content-Type",
                "multipart/signed; protocol=\"application/pkcs7-signature\"; micalg="
                    + algorithm.micalg()
                    + ";\r\n\tboundary=\""
                    + boundary
                    + "\""))
        .writeTo(out);
    write(out, "\r\nThis is an S/MIME signed message.\r\n\r\n--" + boundary + "\r\n");

    ByteArrayOutputStream signature = new ByteArrayOutputStream(4096);
    CMSSignedDataStreamGenerator generator = generator();
    try (OutputStream digesting = generator.open(signature, false)) {
      entity.writeCanonical(
          Streams.tee(Streams.closeShield(out), digesting), OutgoingEntity.Transport.SEVEN_BIT);
    }

    write(out, "\r\n--" + boundary + "\r\n");
    write(
        out,
        "Content-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=\"smime.p7s\"\r\n"
            + "Content-Description: S/MIME Cryptographic Signature\r\n\r\n");
    try (OutputStream base64 = Streams.base64Encoder(out)) {
      signature.writeTo(base64);
    }
    write(out, "\r\n--" + boundary + "--\r\n");
  }

  private void writeOpaque(HeaderBlock messageFields, OutgoingEntity entity, OutputStream out)
      throws IOException, CMSException, MalformedMessageException {
    messageFields
        .with(HeaderField.of("MIME-Version", "1.0"))
        .with(
            HeaderField.of(
                "Content-Type",
                "application/pkcs7-mime; smime-type=signed-data; name=\"smime.p7m\""))
        .with(HeaderField.of("Content-Transfer-Encoding", "base64"))
        .with(HeaderField.of("Content-Disposition", "attachment; filename=\"smime.p7m\""))
        .writeTo(out);
    out.write(CRLF);
    try (OutputStream base64 = Streams.base64Encoder(out);
        OutputStream content = generator().open(base64, true)) {
      entity.writeCanonical(content, OutgoingEntity.Transport.BINARY_SAFE);
    }
    out.write(CRLF);
  }

  private CMSSignedDataStreamGenerator generator() throws CMSException {
    CMSSignedDataStreamGenerator generator = new CMSSignedDataStreamGenerator();
    generator.setBufferSize(1 << 16); // opaque content in 64 KiB octets, not 1,000-byte ones
    try {
      generator.addSignerInfoGenerator(signerInfoGenerator());
      if (certificateStore != null) {
        generator.addCertificates(certificateStore);
      }
    } catch (OperatorCreationException | CertificateEncodingException e) {
      throw new CMSException("cannot prepare the signer: " + e.getMessage(), e);
    }
    return generator;
  }

  private SignerInfoGenerator signerInfoGenerator()
      throws OperatorCreationException, CertificateEncodingException {
    ASN1EncodableVector attributes = new ASN1EncodableVector();
    attributes.add(signingTime());
    fixedAttributes.forEach(attributes::add);
    CMSAttributeTableGenerator signedAttributes =
        new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes));
    return new SignerInfoGeneratorBuilder(digests)
        .setSignedAttributeGenerator(signedAttributes)
        .build(new KeyHandleContentSigner(key, algorithm), signerCertificate);
  }

  private Attribute signingTime() {
    long now = clock.instant().getEpochSecond();
    SigningTime last = lastSigningTime;
    if (last == null || last.epochSecond() != now) {
      Time time = new Time(new java.util.Date(now * 1000));
      last = new SigningTime(now, new Attribute(CMSAttributes.signingTime, new DERSet(time)));
      lastSigningTime = last;
    }
    return last.attribute();
  }

  private List<X509Certificate> certificatesToInclude() {
    List<X509Certificate> certificates = new ArrayList<>();
    if (inclusion == CertificateInclusion.NONE) {
      return certificates;
    }
    certificates.add(key.certificate());
    if (inclusion == CertificateInclusion.CHAIN) {
      for (X509Certificate issuer : chain) {
        boolean selfSigned =
            issuer.getSubjectX500Principal().equals(issuer.getIssuerX500Principal());
        if (!selfSigned && !issuer.equals(key.certificate())) {
          certificates.add(issuer);
        }
      }
    }
    return certificates;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** Builds a {@link MessageSigner}; only the key is required. */
  public static final class Builder {
    private final KeyHandle key;
    private SignatureAlgorithm algorithm;
    private List<X509Certificate> chain = List.of();
    private CertificateInclusion inclusion = CertificateInclusion.CHAIN;
    private SignatureForm form = SignatureForm.DETACHED;
    private Clock clock = Clock.systemUTC();

    private Builder(KeyHandle key) {
      this.key = Objects.requireNonNull(key, "key");
    }

    /** The signature algorithm; by default SHA-256 with RSA, or ECDSA sized to the curve. */
    public Builder algorithm(SignatureAlgorithm algorithm) {
      this.algorithm = Objects.requireNonNull(algorithm);
      return this;
    }

    /** The CA certificates above the signer's, to send along (see {@link CertificateInclusion}). */
    public Builder chain(List<X509Certificate> chain) {
      this.chain = List.copyOf(chain);
      return this;
    }

    public Builder certificates(CertificateInclusion inclusion) {
      this.inclusion = Objects.requireNonNull(inclusion);
      return this;
    }

    public Builder form(SignatureForm form) {
      this.form = Objects.requireNonNull(form);
      return this;
    }

    /** The clock that gives the signing time. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * @throws IllegalArgumentException when the algorithm needs another kind of key than the
     *     certificate's
     */
    public MessageSigner build() {
      return new MessageSigner(this);
    }
  }
}
