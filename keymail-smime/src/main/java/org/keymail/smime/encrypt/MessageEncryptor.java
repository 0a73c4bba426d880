package org.keymail.smime.encrypt;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.keymail.smime.RecipientCertificateException;
import org.keymail.smime.SmimeException;
import org.keymail.smime.UnsupportedAlgorithmException;
import org.keymail.smime.internal.CryptoProviders;
import org.keymail.smime.internal.HeaderBlock;
import org.keymail.smime.internal.HeaderField;
import org.keymail.smime.internal.OutgoingEntity;
import org.keymail.smime.internal.Streams;

/**
 * Encrypts a message with S/MIME (RFC 8551 §3.3) to its recipients and to the sender's own
 * certificate, so that the sent copy stays readable.
 *
 * <p>The cipher: AES-256-GCM in {@code AuthEnvelopedData} (RFC 5083/5084) when every recipient's
 * known capabilities include it, else AES-256-CBC in {@code EnvelopedData}, which every S/MIME
 * client reads (gpgsm 2.2 and NSS read neither GCM nor OAEP nor ECDH), each only while it is among
 * the ciphers the caller allows ({@link Builder#allowedCiphers}, the organisation's policy): when
 * none allowed suits every recipient, nothing is written. The message is streamed: memory use does
 * not grow with its size.
 *
 * <p>Immutable and safe to share between threads; build one with {@link #builder()}.
 */
public final class MessageEncryptor {

  private static final byte[] CRLF = {'\r', '\n'};
  private static final int CHUNK = 1 << 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final List<EncryptionRecipient> recipients;
  private final X509Certificate senderCopy;
  private final ContentCipher forcedCipher;
  private final Set<ContentCipher> allowed;
  private final Clock clock;

  private MessageEncryptor(Builder b) {
    this.recipients = List.copyOf(b.recipients);
    this.senderCopy = b.senderCopy;
    this.forcedCipher = b.cipher;
    this.allowed = Collections.unmodifiableSet(EnumSet.copyOf(b.allowed));
    this.clock = b.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a whole message and writes it encrypted: the message's own fields stay outside, its
   * Content-* fields and body are encrypted.
   *
   * @throws RecipientCertificateException when a certificate cannot be encrypted to (expired, wrong
   *     key usage, unsupported key); nothing is written then
   * @throws NoAllowedCipherException when no allowed cipher suits every recipient, or the cipher
   *     asked for is not allowed; nothing is written then
   */
  public EncryptionReport encrypt(InputStream message, OutputStream encryptedMessage)
      throws SmimeException, IOException {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(encryptedMessage, "encryptedMessage");
    List<EncryptionRecipient> everyone = everyone();
    List<RecipientInfoGenerator> infos = new ArrayList<>();
    for (EncryptionRecipient recipient : everyone) {
      infos.add(
          recipientInfo(recipient, RecipientKeyProtection.choose(recipient, clock.instant())));
    }
    ContentCipher cipher = forcedCipher != null ? allowedOrRefused(forcedCipher) : chooseCipher();
    String why = forcedCipher != null ? "asked for " + cipher.displayName() : whyChosen(cipher);

    message = Streams.buffered(message);
    encryptedMessage = Streams.buffered(encryptedMessage);
    HeaderBlock headers = HeaderBlock.read(message);
    OutgoingEntity entity = OutgoingEntity.of(headers, message);
    headers
        .messageFields()
        .with(HeaderField.of("MIME-Version", "1.0"))
        .with(
            HeaderField.of(
                "Content-Type",
                "application/pkcs7-mime; smime-type="
                    + (cipher.isAuthenticated() ? "authEnveloped-data" : "enveloped-data")
                    + "; name=\"smime.p7m\""))
        .with(HeaderField.of("Content-Transfer-Encoding", "base64"))
        .with(HeaderField.of("Content-Disposition", "attachment; filename=\"smime.p7m\""))
        .with(HeaderField.of("Content-Description", "S/MIME Encrypted Message"))
        .writeTo(encryptedMessage);
    encryptedMessage.write(CRLF);
    try (OutputStream base64 = Streams.base64Encoder(encryptedMessage);
        // The cipher and GHASH cost per call as much as per byte for small writes.
        OutputStream plaintext = new BufferedOutputStream(open(cipher, infos, base64), CHUNK)) {
      entity.writeCanonical(plaintext, OutgoingEntity.Transport.BINARY_SAFE);
    } catch (CMSException e) {
      throw new UnsupportedAlgorithmException(
          "cannot encrypt with " + cipher.displayName() + ": " + e.getMessage(), e);
    }
    encryptedMessage.write(CRLF);
    encryptedMessage.flush();
    return new EncryptionReport(
        cipher, why, everyone.stream().map(EncryptionRecipient::certificate).toList());
  }

  private List<EncryptionRecipient> everyone() {
    List<EncryptionRecipient> everyone = new ArrayList<>();
    for (EncryptionRecipient r : recipients) {
      if (everyone.stream().noneMatch(e -> e.certificate().equals(r.certificate()))) {
        everyone.add(r);
      }
    }
    if (senderCopy != null
        && everyone.stream().noneMatch(e -> e.certificate().equals(senderCopy))) {
      // keymail reads its own mail, so the sender's copy can use what keymail reads
      everyone.add(new EncryptionRecipient(senderCopy, SmimeCapabilities.keymail()));
    }
    return everyone;
  }

  private ContentCipher allowedOrRefused(ContentCipher asked) throws NoAllowedCipherException {
    if (!allowed.contains(asked)) {
      throw new NoAllowedCipherException(
          asked.displayName() + " is not allowed; the allowed algorithms are " + names(allowed),
          List.of());
    }
    return asked;
  }

  private ContentCipher chooseCipher() throws NoAllowedCipherException {
    boolean allReadGcm =
        recipients.stream().allMatch(r -> r.capabilities().supports(ContentCipher.AES256_GCM));
    if (allReadGcm && !recipients.isEmpty() && allowed.contains(ContentCipher.AES256_GCM)) {
      return ContentCipher.AES256_GCM;
    }
    if (allowed.contains(ContentCipher.AES256_CBC)) {
      return ContentCipher.AES256_CBC; // which every S/MIME client reads
    }
    List<EncryptionRecipient> without = withoutGcm();
    throw new NoAllowedCipherException(
        "no allowed algorithm ("
            + names(allowed)
            + ") is known to be read by "
            + String.join(", ", described(without)),
        without.stream().map(EncryptionRecipient::certificate).toList());
  }

  private List<EncryptionRecipient> withoutGcm() {
    return recipients.stream()
        .filter(r -> !r.capabilities().supports(ContentCipher.AES256_GCM))
        .toList();
  }

  private static List<String> described(List<EncryptionRecipient> recipients) {
    return recipients.stream()
        .map(
            r ->
                RecipientKeyProtection.describe(r.certificate())
                    + (r.capabilities().isKnown() ? " (no GCM)" : " (capabilities unknown)"))
        .toList();
  }

  private static String names(Set<ContentCipher> ciphers) {
    return ciphers.stream().map(ContentCipher::displayName).collect(Collectors.joining(", "));
  }

  private String whyChosen(ContentCipher cipher) {
    if (cipher == ContentCipher.AES256_GCM) {
      return "every recipient's mail client reads AES-256-GCM";
    }
    if (!allowed.contains(ContentCipher.AES256_GCM)) {
      return "AES-256-CBC, the only algorithm allowed";
    }
    List<String> unknown = described(withoutGcm());
    return "AES-256-CBC, which every S/MIME client reads, because not every recipient is known to read AES-256-GCM: "
        + String.join(", ", unknown);
  }

  private static OutputStream open(
      ContentCipher cipher, List<RecipientInfoGenerator> infos, OutputStream out)
      throws CMSException, IOException {
    // 64 KiB octets instead of Bouncy Castle's 1,000 bytes: a reader parses one octet header per
    // chunk, and so does keymail's own reader.
    if (cipher == ContentCipher.AES256_GCM) {
      CMSAuthEnvelopedDataStreamGenerator generator = new CMSAuthEnvelopedDataStreamGenerator();
      generator.setBufferSize(CHUNK);
      infos.forEach(generator::addRecipientInfoGenerator);
      try {
        return generator.open(out, GcmContentEncryptor.create(RANDOM));
      } catch (GeneralSecurityException e) {
        throw new CMSException("cannot start AES-256-GCM: " + e.getMessage(), e);
      }
    }
    OutputEncryptor encryptor =
        new JceCMSContentEncryptorBuilder(cipher.oid())
            .setProvider(CryptoProviders.jdkCiphers())
            .build();
    if (cipher.isAuthenticated()) {
      CMSAuthEnvelopedDataStreamGenerator generator = new CMSAuthEnvelopedDataStreamGenerator();
      generator.setBufferSize(CHUNK);
      infos.forEach(generator::addRecipientInfoGenerator);
      return generator.open(out, (OutputAEADEncryptor) encryptor);
    }
    CMSEnvelopedDataStreamGenerator generator = new CMSEnvelopedDataStreamGenerator();
    generator.setBufferSize(CHUNK);
    infos.forEach(generator::addRecipientInfoGenerator);
    return generator.open(out, encryptor);
  }

  private static RecipientInfoGenerator recipientInfo(
      EncryptionRecipient recipient, RecipientKeyProtection protection) throws SmimeException {
    X509Certificate certificate = recipient.certificate();
    try {
      return switch (protection) {
        case RSA_PKCS1 -> new JceKeyTransRecipientInfoGenerator(certificate);
        case RSA_OAEP ->
            new JceKeyTransRecipientInfoGenerator(
                certificate,
                new JcaAlgorithmParametersConverter()
                    .getAlgorithmIdentifier(
                        PKCSObjectIdentifiers.id_RSAES_OAEP,
                        new OAEPParameterSpec(
                            "SHA-256",
                            "MGF1",
                            MGF1ParameterSpec.SHA256,
                            PSource.PSpecified.DEFAULT)));
        case ECDH -> {
          KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
          generator.initialize(((ECPublicKey) certificate.getPublicKey()).getParams());
          KeyPair ephemeral = generator.generateKeyPair();
          yield new JceKeyAgreeRecipientInfoGenerator(
                  CMSAlgorithm.ECDH_SHA256KDF,
                  ephemeral.getPrivate(),
                  ephemeral.getPublic(),
                  CMSAlgorithm.AES256_WRAP)
              .addRecipient(certificate)
              .setProvider(CryptoProviders.bouncyCastle());
        }
      };
    } catch (GeneralSecurityException e) {
      throw new RecipientCertificateException(
          "cannot encrypt to "
              + RecipientKeyProtection.describe(certificate)
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Builds a {@link MessageEncryptor}. */
  public static final class Builder {
    private final List<EncryptionRecipient> recipients = new ArrayList<>();
    private X509Certificate senderCopy;
    private boolean noSenderCopy;
    private ContentCipher cipher;
    private Set<ContentCipher> allowed =
        EnumSet.of(ContentCipher.AES256_GCM, ContentCipher.AES256_CBC);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder recipient(EncryptionRecipient recipient) {
      recipients.add(Objects.requireNonNull(recipient));
      return this;
    }

    /** A recipient whose mail client's capabilities are unknown. */
    public Builder recipient(X509Certificate certificate) {
      return recipient(EncryptionRecipient.of(certificate));
    }

    public Builder recipients(List<EncryptionRecipient> more) {
      more.forEach(this::recipient);
      return this;
    }

    /** The sender's own certificate, encrypted to as well so the sent copy stays readable. */
    public Builder senderCopy(X509Certificate certificate) {
      this.senderCopy = Objects.requireNonNull(certificate);
      return this;
    }

    /** Encrypts to the recipients only: the sender will not be able to read what they sent. */
    public Builder withoutSenderCopy() {
      this.noSenderCopy = true;
      return this;
    }

    /** Uses {@code cipher} whatever the recipients' capabilities. */
    public Builder cipher(ContentCipher cipher) {
      if (!cipher.isUsedForSending()) {
        throw new IllegalArgumentException(
            cipher.displayName()
                + " is read but not used for sending; use aes-256-gcm or aes-256-cbc");
      }
      this.cipher = cipher;
      return this;
    }

    /**
     * The ciphers this message may be encrypted with (the organisation's policy); by default both
     * AES-256-GCM and AES-256-CBC. Only ciphers keymail sends with may be listed.
     *
     * @throws IllegalArgumentException when {@code ciphers} is empty or lists a cipher keymail only
     *     reads
     */
    public Builder allowedCiphers(Set<ContentCipher> ciphers) {
      if (ciphers.isEmpty()) {
        throw new IllegalArgumentException("allow at least one cipher to encrypt with");
      }
      for (ContentCipher c : ciphers) {
        if (!c.isUsedForSending()) {
          throw new IllegalArgumentException(
              c.displayName()
                  + " is read but not used for sending; use aes-256-gcm or aes-256-cbc");
        }
      }
      this.allowed = EnumSet.copyOf(ciphers);
      return this;
    }

    /** The clock against which certificates' validity is checked. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * @throws IllegalStateException when there is no recipient, or neither a sender copy nor {@link
     *     #withoutSenderCopy()} was given
     */
    public MessageEncryptor build() {
      if (recipients.isEmpty()) {
        throw new IllegalStateException(
            "a message needs at least one recipient to be encrypted to");
      }
      if (senderCopy == null && !noSenderCopy) {
        throw new IllegalStateException(
            "give the sender's own certificate (senderCopy), or say withoutSenderCopy() to send a copy the sender cannot read");
      }
      return new MessageEncryptor(this);
    }
  }
}
