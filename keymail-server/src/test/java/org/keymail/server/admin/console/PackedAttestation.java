package org.keymail.server.admin.console;

import com.upokecenter.cbor.CBORObject;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An authenticator model of the tests' own that proves itself by "packed" attestation (WebAuthn
 * §8.2): a vendor's attestation root, an attestation certificate it issued for the model's AAGUID,
 * and a statement signed with that certificate's key over the software PassKey's registration. It
 * turns the software PassKey's "none" attestation into the one such a model sends, so a test can
 * register a listed model as a security key of that model would.
 */
final class PackedAttestation {

  /** id-fido-gen-ce-aaguid: the AAGUID of the model an attestation certificate vouches for. */
  private static final ASN1ObjectIdentifier FIDO_AAGUID =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.45724.1.1.4");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final X509Certificate root;
  private final X509Certificate attestation;
  private final PrivateKey attestationKey;

  PackedAttestation(String vendor, String aaguid, Instant now) {
    try {
      KeyPair rootKeys = ec();
      KeyPair attestationKeys = ec();
      X500Name rootName = new X500Name("CN=" + vendor + " Attestation Root, O=" + vendor);
      root =
          certificate(rootName, rootName, rootKeys.getPublic(), rootKeys.getPrivate(), now, true);
      JcaX509v3CertificateBuilder leaf =
          builder(
              new X500Name(
                  "C=SE, O=" + vendor + ", OU=Authenticator Attestation, CN=" + vendor + " Key"),
              rootName,
              attestationKeys.getPublic(),
              now);
      leaf.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      leaf.addExtension(FIDO_AAGUID, false, new DEROctetString(bytes(UUID.fromString(aaguid))));
      attestation = sign(leaf, rootKeys.getPrivate());
      attestationKey = attestationKeys.getPrivate();
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The vendor's root, as the model's metadata statement lists it. */
  X509Certificate root() {
    return root;
  }

  /**
   * The software PassKey's registration {@code credentialJson} with its attestation made "packed"
   * under this model's attestation certificate. The software PassKey must report this model's
   * AAGUID for the statement to hold; its authenticator data is kept as it is.
   */
  String attest(String credentialJson) {
    ObjectNode credential = (ObjectNode) JSON.readTree(credentialJson);
    ObjectNode response = (ObjectNode) credential.get("response");
    byte[] authData =
        CBORObject.DecodeFromBytes(
                Base64.getUrlDecoder().decode(response.get("attestationObject").asString()))
            .get("authData")
            .GetByteString();
    byte[] clientData = Base64.getUrlDecoder().decode(response.get("clientDataJSON").asString());
    try {
      Signature es256 = Signature.getInstance("SHA256withECDSA");
      es256.initSign(attestationKey);
      es256.update(authData);
      es256.update(MessageDigest.getInstance("SHA-256").digest(clientData));
      CBORObject statement =
          CBORObject.NewMap()
              .Add("alg", -7)
              .Add("sig", es256.sign())
              .Add("x5c", CBORObject.NewArray().Add(attestation.getEncoded()));
      byte[] attestationObject =
          CBORObject.NewMap()
              .Add("fmt", "packed")
              .Add("attStmt", statement)
              .Add("authData", authData)
              .EncodeToBytes();
      response.put(
          "attestationObject",
          Base64.getUrlEncoder().withoutPadding().encodeToString(attestationObject));
      return JSON.writeValueAsString(credential);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A metadata entry for this model, {@code aaguid}, whose latest status is {@code status}, with a
   * metadata statement that lists this model's attestation root.
   */
  String entry(String aaguid, String status, String description) {
    try {
      return "{\"aaguid\":\""
          + aaguid
          + "\",\"metadataStatement\":{\"legalHeader\":\""
          + TestMetadataService.LEGAL_HEADER
          + "\",\"aaguid\":\""
          + aaguid
          + "\",\"description\":\""
          + description
          + "\",\"authenticatorVersion\":1,\"protocolFamily\":\"fido2\",\"schema\":3,"
          + "\"upv\":[{\"major\":1,\"minor\":0}],"
          + "\"authenticationAlgorithms\":[\"secp256r1_ecdsa_sha256_raw\"],"
          + "\"publicKeyAlgAndEncodings\":[\"cose\"],\"attestationTypes\":[\"basic_full\"],"
          + "\"userVerificationDetails\":[[{\"userVerificationMethod\":\"presence_internal\"}]],"
          + "\"keyProtection\":[\"hardware\",\"secure_element\"],"
          + "\"matcherProtection\":[\"on_chip\"],\"attachmentHint\":[\"external\",\"wired\"],"
          + "\"tcDisplay\":[],\"attestationRootCertificates\":[\""
          + Base64.getEncoder().encodeToString(root.getEncoded())
          + "\"]},\"statusReports\":[{\"status\":\""
          + status
          + "\",\"effectiveDate\":\"2024-01-01\"}],\"timeOfLastStatusChange\":\"2024-01-01\"}";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair ec() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static JcaX509v3CertificateBuilder builder(
      X500Name subject, X500Name issuer, PublicKey key, Instant now) {
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(now.toEpochMilli()).add(BigInteger.valueOf(subject.hashCode() & 0xffff)),
        Date.from(now.minus(Duration.ofDays(1))),
        Date.from(now.plus(Duration.ofDays(365))),
        subject,
        key);
  }

  private static X509Certificate certificate(
      X500Name subject, X500Name issuer, PublicKey key, PrivateKey signer, Instant now, boolean ca)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    JcaX509v3CertificateBuilder builder = builder(subject, issuer, key, now);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    return sign(builder, signer);
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey signer)
      throws GeneralSecurityException, OperatorCreationException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
  }

  private static byte[] bytes(UUID uuid) {
    return ByteBuffer.allocate(16)
        .putLong(uuid.getMostSignificantBits())
        .putLong(uuid.getLeastSignificantBits())
        .array();
  }
}
