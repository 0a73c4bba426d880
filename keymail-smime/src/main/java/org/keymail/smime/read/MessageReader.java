package org.keymail.smime.read;

import jakarta.mail.internet.ContentType;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAuthEnvelopedDataParser;
import org.bouncycastle.cms.CMSCompressedDataParser;
import org.bouncycastle.cms.CMSEnvelopedDataParser;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataParser;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.ZlibExpanderProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Store;
import org.keymail.smime.CertificateNames;
import org.keymail.smime.DecryptionFailedException;
import org.keymail.smime.KeyHandle;
import org.keymail.smime.MalformedCmsException;
import org.keymail.smime.MalformedMessageException;
import org.keymail.smime.NotARecipientException;
import org.keymail.smime.SmimeException;
import org.keymail.smime.UnsupportedAlgorithmException;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.internal.CryptoProviders;
import org.keymail.smime.internal.DefiniteLengths;
import org.keymail.smime.internal.HeaderBlock;
import org.keymail.smime.internal.HeaderField;
import org.keymail.smime.internal.LayerContent;
import org.keymail.smime.internal.ReceivedSignerInfos;
import org.keymail.smime.internal.Spool;
import org.keymail.smime.internal.Streams;
import org.keymail.smime.sign.SignatureForm;
import org.keymail.smime.verdict.ReasonCode;
import org.keymail.smime.verdict.SenderFields;
import org.keymail.smime.verdict.SignerJudge;
import org.keymail.smime.verdict.TrustSettings;
import org.keymail.smime.verdict.Verdict;

/**
 * Reads an S/MIME message from the outside in: verifies every signature ({@code multipart/signed}
 * or opaque), decrypts every encryption ({@code EnvelopedData}, {@code AuthEnvelopedData}) with the
 * keys it was given, unpacks compression, and returns the layers it found with a verdict per
 * signature and the readable message.
 *
 * <p>Streams: each layer's content passes through a {@code Spool} (memory up to 1 MiB, then an
 * encrypted temporary file), so memory stays bounded for any message size. A message given as a
 * file or an array is read again where its content is in it as it came (the signed part of a {@code
 * multipart/signed} message, the body of a message without S/MIME) instead of spooled.
 *
 * <p>Immutable and safe to share between threads; build one with {@link #builder()}.
 */
public final class MessageReader {

  /** More S/MIME layers than this is not mail, it is an attack on the reader. */
  static final int MAX_LAYERS = 8;

  private static final long MAX_DECOMPRESSED = 1L << 30;

  /** The fields given to content that is not a MIME entity. */
  private static final HeaderBlock BARE_CONTENT =
      new HeaderBlock(List.of(HeaderField.of("Content-Type", "text/plain; charset=utf-8")));

  private final List<KeyHandle> keys;
  private final SignerJudge judge;

  private MessageReader(Builder b) {
    this.keys = List.copyOf(b.keys);
    this.judge = new SignerJudge(b.trust);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a whole message (headers and body).
   *
   * @throws MalformedMessageException the MIME structure is broken
   * @throws MalformedCmsException a signature or encrypted part is not valid CMS
   * @throws NotARecipientException the message is encrypted, but to none of the keys given
   * @throws DecryptionFailedException the encrypted content does not decrypt (altered)
   * @throws UnsupportedAlgorithmException the message uses an algorithm keymail does not read
   * @throws org.keymail.smime.KeyUseException a key's holder refused to decrypt
   */
  public ReadResult read(InputStream message) throws SmimeException, IOException {
    Objects.requireNonNull(message, "message");
    return readFrom(Streams.buffered(message));
  }

  /**
   * Reads a whole message from a file, as {@link #read(InputStream)} does. The file must not change
   * until the result is closed: the signed part of a large {@code multipart/signed} message, and
   * the body of a large message without S/MIME, are read from it again instead of being copied to a
   * temporary file. A file that was written or replaced in between fails with an {@link
   * IOException} rather than showing content other than what was judged.
   */
  public ReadResult read(Path message) throws SmimeException, IOException {
    Objects.requireNonNull(message, "message");
    if (!Files.isRegularFile(message)) {
      // a pipe or a device cannot be read twice, nor its size known: read it once, as a stream
      try (InputStream in = Files.newInputStream(message)) {
        return read(in);
      }
    }
    return readAll(MessageSource.of(message));
  }

  /**
   * Reads a whole message held in an array, as {@link #read(InputStream)} does; the array must not
   * change until the result is closed (content is read from it again instead of being copied).
   */
  public ReadResult read(byte[] message) throws SmimeException, IOException {
    return readAll(MessageSource.of(message));
  }

  /** Reads {@code source}; a file found changed when its first reading closes fails the read. */
  private ReadResult readAll(MessageSource source) throws SmimeException, IOException {
    InputStream in = source.open();
    ReadResult result;
    try {
      result = readFrom(in);
    } catch (SmimeException | IOException | RuntimeException e) {
      try {
        in.close();
      } catch (IOException alsoChanged) {
        e.addSuppressed(alsoChanged);
      }
      throw e;
    }
    try {
      in.close();
    } catch (IOException changed) {
      result.close();
      throw changed;
    }
    return result;
  }

  private ReadResult readFrom(InputStream message) throws SmimeException, IOException {
    HeaderBlock top = HeaderBlock.read(message);
    SenderFields from = SenderFields.read(top.values("From"), top.values("Sender"));
    List<Layer> layers = new ArrayList<>();
    HeaderBlock entity = top.contentFields();
    InputStream body = message;
    LayerContent current = null;
    try {
      for (int depth = 1; ; depth++) {
        LayerContent inner = peel(entity, body, from, layers);
        if (inner == null) {
          break;
        }
        if (depth > MAX_LAYERS) {
          inner.close();
          throw new MalformedMessageException(
              "the message nests more than " + MAX_LAYERS + " S/MIME layers");
        }
        body.close();
        if (current != null) {
          current.close();
        }
        current = inner;
        body = current.open();
        try {
          entity = HeaderBlock.read(body);
        } catch (MalformedMessageException notMime) {
          // Some senders sign or encrypt bare text with no header section (RFC 5652 allows any
          // content): show it as plain text rather than refusing the whole message.
          body.close();
          LayerContent text;
          try (InputStream bare = current.open()) {
            text = spoolEntity(BARE_CONTENT, bare);
          }
          current.close();
          current = text;
          body = current.open();
          entity = HeaderBlock.read(body);
          if (!layers.isEmpty()) { // compressed data adds no layer of its own
            int last = layers.size() - 1;
            layers.set(last, layers.get(last).withNote(bareContentNote(layers.get(last))));
          }
        }
      }
      if (current == null) {
        current = spoolEntity(entity, body);
        return new ReadResult(top.filter(f -> !f.isContentField()), layers, current);
      }
      body.close();
      return new ReadResult(top.messageFields(), layers, current);
    } catch (SmimeException | IOException | RuntimeException e) {
      // Closes what it opened, whatever the failure, and passes the failure on.
      if (current != null) {
        current.close();
      }
      throw e;
    }
  }

  private static String bareContentNote(Layer layer) {
    String what = layer instanceof Layer.Signed ? "signed" : "encrypted";
    return "the "
        + what
        + " content is not a MIME entity (it has no header section); it is shown as plain text";
  }

  /** Removes one S/MIME layer; returns its content, or null when the entity is not S/MIME. */
  private LayerContent peel(
      HeaderBlock entity, InputStream body, SenderFields from, List<Layer> layers)
      throws SmimeException, IOException {
    ContentType type = entity.contentType();
    if (is(type, "multipart", "signed")) {
      return verifyDetached(type, body, from, layers);
    }
    if (!isPkcs7Mime(type, entity)) {
      return null;
    }
    BufferedInputStream cms =
        new BufferedInputStream(decode(body, entity.transferEncoding()), 65536);
    try {
      return switch (CmsContentType.peek(cms)) {
        case SIGNED_DATA -> verifyOpaque(cms, from, layers);
        case ENVELOPED_DATA -> decrypt(cms, false, layers);
        case AUTH_ENVELOPED_DATA -> decrypt(cms, true, layers);
        case COMPRESSED_DATA -> decompress(cms);
      };
    } catch (EOFException truncated) {
      throw new MalformedCmsException("the S/MIME part is truncated", truncated);
    } catch (CMSException | IOException | RuntimeException e) {
      // Bouncy Castle reports damaged CMS structures with unchecked exceptions as well.
      throw damaged(e);
    }
  }

  private static boolean isPkcs7Mime(ContentType type, HeaderBlock entity) {
    if (is(type, "application", "pkcs7-mime") || is(type, "application", "x-pkcs7-mime")) {
      return true;
    }
    // Some clients label S/MIME as a generic attachment named smime.p7m.
    String name = Optional.ofNullable(type.getParameter("name")).orElse("");
    return is(type, "application", "octet-stream")
        && name.toLowerCase(java.util.Locale.ROOT).endsWith(".p7m");
  }

  /**
   * Whether {@code type} is {@code primary/sub}, as Jakarta Mail's {@code ContentType.match} says
   * (case-insensitive; a subtype starting with "*" matches any) without parsing the name again.
   */
  private static boolean is(ContentType type, String primary, String sub) {
    String primaryType = type.getPrimaryType();
    if (primaryType == null || !primaryType.equalsIgnoreCase(primary)) {
      return false;
    }
    String subType = type.getSubType();
    return subType != null && (subType.startsWith("*") || subType.equalsIgnoreCase(sub));
  }

  private static InputStream decode(InputStream body, String transferEncoding)
      throws MalformedMessageException {
    return switch (transferEncoding) {
      case "base64" -> Streams.base64Decoder(body);
      case "binary", "7bit", "8bit" -> body;
      default ->
          throw new MalformedMessageException(
              "an S/MIME part with Content-Transfer-Encoding "
                  + transferEncoding
                  + " cannot be read; expected base64 or binary");
    };
  }

  private LayerContent verifyDetached(
      ContentType type, InputStream body, SenderFields from, List<Layer> layers)
      throws SmimeException, IOException {
    String boundary = type.getParameter("boundary");
    if (boundary == null || boundary.isEmpty()) {
      throw new MalformedMessageException("the multipart/signed message has no boundary parameter");
    }
    // A body that can be read again gives the signed entity from where it is; others are spooled.
    MessageSource.Positioned again = body instanceof MessageSource.Positioned p ? p : null;
    Spool spool = again == null ? new Spool() : null;
    LayerContent signed = spool;
    try {
      DetachedContentDigests digests =
          DetachedContentDigests.forMicalg(type.getParameter("micalg"));
      MultipartSignedBody.Split split;
      if (spool != null) {
        try (OutputStream out = spool.output()) {
          split = MultipartSignedBody.split(body, boundary, out, digests);
        }
      } else {
        long bodyStart = again.position();
        split = MultipartSignedBody.split(body, boundary, null, digests);
        signed =
            again
                .source()
                .range(new byte[0], bodyStart + split.entityStart(), split.entityLength());
      }
      byte[] signature = signatureBytes(split.signaturePart());
      List<Verdict> verdicts = judgeDetached(signature, digests, signed, from);
      layers.add(new Layer.Signed(SignatureForm.DETACHED, verdicts));
      return signed;
    } catch (SmimeException | IOException | RuntimeException e) {
      // Closes what it opened, whatever the failure, and passes the failure on.
      if (signed != null) {
        signed.close();
      }
      throw e;
    }
  }

  private List<Verdict> judgeDetached(
      byte[] signature, DetachedContentDigests digests, LayerContent signed, SenderFields from)
      throws SmimeException, IOException {
    ContentInfo parsed;
    byte[] definite;
    try {
      // Parsed once: the signature is judged against one or two sets of digests. With definite
      // lengths Bouncy Castle keeps each part as bytes until it is asked for (DefiniteLengths).
      definite = DefiniteLengths.of(signature);
      parsed = ContentInfo.getInstance(new ASN1InputStream(definite, true).readObject());
    } catch (IOException | RuntimeException e) {
      // Bouncy Castle reports damaged CMS structures with unchecked exceptions as well.
      throw damaged(e);
    }
    try {
      // Whether the signature is detached and which digests it needs are read from the signed
      // data itself: Bouncy Castle's CMSSignedData is built once, with the digests.
      SignedData signedData = signedData(parsed);
      if (signedData.getEncapContentInfo().getContent() != null
          || signedData.getSignerInfos().size() == 0) {
        // A multipart/signed whose signature also carries the content: judge that content.
        throw new MalformedCmsException(
            "the signature part of the multipart/signed message is not a detached signature");
      }
      List<ASN1ObjectIdentifier> needed = new ArrayList<>();
      for (ASN1Encodable algorithm : signedData.getDigestAlgorithms()) {
        needed.add(AlgorithmIdentifier.getInstance(algorithm).getAlgorithm());
      }
      if (!digests.covers(needed)) {
        // in Bouncy Castle's order, which decides the algorithm an unsupported one is named by
        needed =
            new CMSSignedData(parsed)
                .getDigestAlgorithmIDs().stream().map(a -> a.getAlgorithm()).toList();
        digests =
            DetachedContentDigests.recompute(needed, signed, DetachedContentDigests.Form.CANONICAL);
      }
      List<byte[]> certificates = carriedCertificates(signedData);
      // The signer informations as received: their signatures are checked over the signed
      // attributes' own bytes where that gives Bouncy Castle's answer (SignerInfoCheck).
      Optional<ReceivedSignerInfos> received =
          ReceivedSignerInfos.locate(definite, digests.values());
      List<Verdict> verdicts =
          judgeAll(
              new CMSSignedData(digests.values(), parsed),
              certificates,
              from,
              received.orElse(null));
      boolean changed = verdicts.stream().anyMatch(v -> v.has(ReasonCode.CONTENT_CHANGED));
      if (changed && digests.canonicalChangedLineEnds()) {
        // Some signers sign the bytes exactly as stored, bare LFs and all.
        DetachedContentDigests raw =
            DetachedContentDigests.recompute(needed, signed, DetachedContentDigests.Form.RAW);
        java.util.Map<ASN1ObjectIdentifier, byte[]> rawValues = raw.values();
        List<Verdict> rawVerdicts =
            judgeAll(
                new CMSSignedData(rawValues, parsed),
                certificates,
                from,
                received.map(r -> r.withDigests(rawValues)).orElse(null));
        if (rawVerdicts.get(0).status().compareTo(verdicts.get(0).status()) < 0) {
          return rawVerdicts;
        }
      }
      return verdicts;
    } catch (CMSException | RuntimeException e) {
      // Bouncy Castle reports damaged CMS structures with unchecked exceptions as well.
      throw damaged(e);
    }
  }

  /**
   * The signed data of {@code parsed}, refused with the words of Bouncy Castle's {@code
   * CMSSignedData}, which reads it the same way.
   */
  private static SignedData signedData(ContentInfo parsed) throws CMSException {
    if (parsed.getContent() == null) {
      throw new CMSException("Missing content.");
    }
    try {
      return SignedData.getInstance(parsed.getContent());
    } catch (ClassCastException | IllegalArgumentException e) {
      throw new CMSException("Malformed content.", e);
    }
  }

  private List<Verdict> judgeAll(
      CMSSignedData data,
      List<byte[]> certificates,
      SenderFields from,
      ReceivedSignerInfos received)
      throws MalformedCmsException {
    java.util.Collection<SignerInformation> signers = data.getSignerInfos().getSigners();
    if (signers.isEmpty()) {
      throw new MalformedCmsException("the signature has no signer");
    }
    if (received != null && received.size() != signers.size()) {
      received = null;
    }
    return judge.judgeEncoded(signers, certificates, from, received);
  }

  /**
   * The X.509 certificates a signature carries, each as encoded there (other kinds of certificate
   * are left out, as Bouncy Castle's {@code getCertificates()} leaves them out): parsed by the
   * judge from these bytes, without Bouncy Castle building and encoding each one again.
   */
  private static List<byte[]> carriedCertificates(SignedData signedData)
      throws MalformedCmsException {
    ASN1Set set = signedData.getCertificates();
    List<byte[]> encoded = new ArrayList<>();
    if (set != null) {
      for (ASN1Encodable element : set) {
        ASN1Primitive certificate = element.toASN1Primitive();
        if (certificate instanceof ASN1Sequence) {
          try {
            encoded.add(certificate.getEncoded());
          } catch (IOException unencodable) {
            throw (MalformedCmsException) damaged(unencodable);
          }
        }
      }
    }
    return encoded;
  }

  private List<Verdict> judgeAll(
      java.util.Collection<SignerInformation> signers,
      Store<X509CertificateHolder> certificates,
      SenderFields from)
      throws MalformedCmsException {
    if (signers.isEmpty()) {
      throw new MalformedCmsException("the signature has no signer");
    }
    return judge.judge(signers, certificates, from);
  }

  private static byte[] signatureBytes(byte[] signaturePart) throws SmimeException, IOException {
    ByteArrayInputStream in = new ByteArrayInputStream(signaturePart);
    HeaderBlock headers = HeaderBlock.read(in);
    ContentType type = headers.contentType();
    if (!is(type, "application", "pkcs7-signature")
        && !is(type, "application", "x-pkcs7-signature")) {
      throw new MalformedMessageException(
          "the second part of the multipart/signed message is "
              + type.getBaseType()
              + ", not an S/MIME signature");
    }
    try (InputStream decoded = decode(in, headers.transferEncoding())) {
      // base64 decodes to at most three quarters of its length: read into one array of that size
      byte[] bytes = new byte[in.available() / 4 * 3 + 3];
      int length = decoded.readNBytes(bytes, 0, bytes.length);
      if (length < bytes.length) {
        return java.util.Arrays.copyOf(bytes, length);
      }
      ByteArrayOutputStream all = new ByteArrayOutputStream(2 * bytes.length);
      all.write(bytes);
      decoded.transferTo(all); // binary, or not base64 at all
      return all.toByteArray();
    } catch (IOException badBase64) {
      throw new MalformedMessageException("the signature part is not valid base64", badBase64);
    }
  }

  private Spool verifyOpaque(InputStream cms, SenderFields from, List<Layer> layers)
      throws SmimeException, IOException, CMSException {
    Spool content = new Spool();
    try {
      CMSSignedDataParser parser;
      try {
        parser =
            new CMSSignedDataParser(
                new JcaDigestCalculatorProviderBuilder()
                    .setProvider(CryptoProviders.jdkDigests())
                    .build(),
                cms);
      } catch (OperatorCreationException e) {
        throw new IllegalStateException("the JDK's digests are missing", e);
      }
      CMSTypedStream signed = parser.getSignedContent();
      if (signed == null) {
        throw new MalformedCmsException("the opaque signed message carries no content");
      }
      try (OutputStream out = content.output()) {
        signed.getContentStream().transferTo(out);
      }
      List<Verdict> verdicts =
          judgeAll(parser.getSignerInfos().getSigners(), parser.getCertificates(), from);
      layers.add(new Layer.Signed(SignatureForm.OPAQUE, verdicts));
      return content;
    } catch (SmimeException | IOException | CMSException | RuntimeException e) {
      // Closes what it opened, whatever the failure, and passes the failure on.
      content.close();
      throw e;
    }
  }

  private Spool decrypt(InputStream cms, boolean authenticated, List<Layer> layers)
      throws SmimeException, IOException, CMSException {
    RecipientInformationStore recipients;
    ASN1ObjectIdentifier algorithm;
    if (authenticated) {
      CMSAuthEnvelopedDataParser parser = new CMSAuthEnvelopedDataParser(cms);
      recipients = parser.getRecipientInfos();
      algorithm = parser.getEncryptionAlgOID().getAlgorithm();
    } else {
      CMSEnvelopedDataParser parser = new CMSEnvelopedDataParser(cms);
      recipients = parser.getRecipientInfos();
      algorithm = new ASN1ObjectIdentifier(parser.getEncryptionAlgOID());
    }
    ContentCipher cipher =
        ContentCipher.byOid(algorithm)
            .orElseThrow(
                () ->
                    new UnsupportedAlgorithmException(
                        "the message is encrypted with "
                            + algorithm.getId()
                            + ", which keymail does not decrypt"));
    for (KeyHandle key : keys) {
      X509CertificateHolder holder;
      try {
        holder = new X509CertificateHolder(key.certificate().getEncoded());
      } catch (java.security.cert.CertificateEncodingException e) {
        continue;
      }
      for (RecipientInformation info : recipients.getRecipients()) {
        if (info.getRID().match(holder)) {
          Spool content = decryptTo(info, key, authenticated);
          layers.add(
              new Layer.Encrypted(
                  cipher, describeKeyProtection(info, key.certificate()), key.certificate()));
          return content;
        }
      }
    }
    throw notARecipient(recipients);
  }

  /**
   * The content of {@code info}'s message decrypted with {@code key}, in a spool. AES-GCM and
   * AES-CBC content is spooled as the sender encrypted it and decrypted when read ({@link
   * CiphertextSpooling}); the spool is returned only once its tag or padding has checked out.
   */
  private static Spool decryptTo(RecipientInformation info, KeyHandle key, boolean authenticated)
      throws SmimeException, IOException {
    AtomicReference<CiphertextSpooling> spooling = new AtomicReference<>();
    Recipient recipient =
        info instanceof KeyAgreeRecipientInformation
            ? HandleRecipients.keyAgreement(key, authenticated, spooling::set)
            : HandleRecipients.keyTransport(key, authenticated, spooling::set);
    Spool content = null;
    try {
      // the plaintext, or the checked ciphertext for a spool that decrypts it when read
      CMSTypedStream given = info.getContentStream(recipient);
      content = spooling.get() == null ? new Spool() : spooling.get().spool();
      try (OutputStream out = content.output()) {
        copyInLargePieces(given.getContentStream(), out);
      }
      return content;
    } catch (HandleRecipients.KeyRefused refused) {
      throw closing(content, refused.keyUseException());
    } catch (CMSException e) {
      throw closing(
          content,
          new DecryptionFailedException(
              "the message is addressed to your key, but its content key does not decrypt with it: "
                  + e.getMessage(),
              e));
    } catch (EOFException truncated) {
      throw closing(content, new MalformedCmsException("the S/MIME part is truncated", truncated));
    } catch (IOException e) {
      String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw closing(
          content,
          new DecryptionFailedException(
              "the encrypted content does not decrypt: it was altered or damaged in transit ("
                  + detail
                  + ")",
              e));
    } catch (RuntimeException e) {
      // Closes what it opened, whatever the failure, and passes the failure on.
      if (content != null) {
        content.close();
      }
      throw e;
    }
  }

  /**
   * Copies in 64 KiB reads and writes: Bouncy Castle's content stream buffers 32 KiB and the spool
   * 64 KiB, and reads and writes as large as those go past them instead of through (transferTo's 16
   * KiB pieces were copied into both buffers).
   */
  private static void copyInLargePieces(InputStream in, OutputStream out) throws IOException {
    byte[] piece = new byte[1 << 16];
    int n;
    while ((n = in.read(piece)) != -1) {
      out.write(piece, 0, n);
    }
  }

  /** {@code failure}, once {@code content} (if any) is closed, so none of it is ever read. */
  private static SmimeException closing(Spool content, SmimeException failure) {
    if (content != null) {
      content.close();
    }
    return failure;
  }

  private static String describeKeyProtection(
      RecipientInformation info, java.security.cert.X509Certificate decryptedWith) {
    String oid = info.getKeyEncryptionAlgOID();
    if (decryptedWith.getPublicKey() instanceof java.security.interfaces.XECPublicKey xec
        && xec.getParams() instanceof java.security.spec.NamedParameterSpec curve) {
      return curve.getName() + " key agreement (" + oid + ")"; // RFC 8418
    }
    if (oid.equals(PKCSObjectIdentifiers.rsaEncryption.getId())) {
      return "RSA PKCS#1 v1.5";
    }
    if (oid.equals(PKCSObjectIdentifiers.id_RSAES_OAEP.getId())) {
      return "RSA-OAEP";
    }
    if (info instanceof KeyAgreeRecipientInformation
        || oid.startsWith(X9ObjectIdentifiers.id_ecPublicKey.getId())) {
      return "ECDH key agreement (" + oid + ")";
    }
    return oid;
  }

  private NotARecipientException notARecipient(RecipientInformationStore recipients) {
    List<String> addressed = new ArrayList<>();
    for (RecipientInformation info : recipients.getRecipients()) {
      addressed.add(DescribeRecipient.of(info.getRID()));
    }
    List<String> mine = keys.stream().map(k -> CertificateNames.subject(k.certificate())).toList();
    return new NotARecipientException(
        "this message is not encrypted to "
            + (mine.isEmpty()
                ? "any key you gave"
                : "your certificate" + (mine.size() > 1 ? "s " : " ") + String.join("; ", mine))
            + "; it is encrypted to: "
            + String.join("; ", addressed));
  }

  private static Spool decompress(InputStream cms) throws IOException, CMSException {
    Spool content = new Spool();
    try (OutputStream out = content.output()) {
      new CMSCompressedDataParser(cms)
          .getContent(new ZlibExpanderProvider(MAX_DECOMPRESSED))
          .getContentStream()
          .transferTo(out);
      return content;
    } catch (IOException | CMSException | RuntimeException e) {
      // Closes what it opened, whatever the failure, and passes the failure on.
      content.close();
      throw e;
    }
  }

  /** The entity with its body: from where the body is, when it can be read again; else spooled. */
  private static LayerContent spoolEntity(HeaderBlock entity, InputStream body) throws IOException {
    if (body instanceof MessageSource.Positioned again) {
      ByteArrayOutputStream fields = new ByteArrayOutputStream();
      entity.writeTo(fields);
      fields.write(new byte[] {'\r', '\n'});
      long start = again.position();
      return again.source().range(fields.toByteArray(), start, again.end() - start);
    }
    Spool spool = new Spool();
    try (OutputStream out = spool.output()) {
      entity.writeTo(out);
      out.write(new byte[] {'\r', '\n'});
      body.transferTo(out);
    }
    return spool;
  }

  /** Bouncy Castle reports damaged input with checked and unchecked exceptions alike. */
  private static SmimeException damaged(Exception e) {
    if (e instanceof SmimeException smime) {
      return smime;
    }
    if (e instanceof HandleRecipients.KeyRefused refused) {
      return refused.keyUseException();
    }
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new MalformedCmsException("the S/MIME part is damaged or not valid CMS: " + detail, e);
  }

  /** Builds a {@link MessageReader}. */
  public static final class Builder {
    private final List<KeyHandle> keys = new ArrayList<>();
    private TrustSettings trust = TrustSettings.none();

    private Builder() {}

    /** A key to decrypt with: current and archived keys alike, tried in order. */
    public Builder key(KeyHandle key) {
      keys.add(Objects.requireNonNull(key));
      return this;
    }

    public Builder keys(List<? extends KeyHandle> more) {
      more.forEach(this::key);
      return this;
    }

    /** What signatures are judged against; by default nothing is trusted. */
    public Builder trust(TrustSettings trust) {
      this.trust = Objects.requireNonNull(trust);
      return this;
    }

    public MessageReader build() {
      return new MessageReader(this);
    }
  }
}
