package org.keymail.pki.testing;

import java.io.IOException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** PKCS#10 certificate requests as a client (or the vault) would make them. */
public final class Csrs {

  private Csrs() {}

  /** A request for {@code keys} with subject {@code subject} and no SAN. */
  public static byte[] request(KeyPair keys, String subject) {
    return build(keys, subject, List.of(), null);
  }

  /** A request with an rfc822Name SAN for each of {@code emails}. */
  public static byte[] withEmails(KeyPair keys, String subject, String... emails) {
    return build(keys, subject, List.of(emails), null);
  }

  /** A request with an UPN otherName in its SAN. */
  public static byte[] withUpn(KeyPair keys, String subject, String upn) {
    return build(keys, subject, List.of(), upn);
  }

  private static byte[] build(KeyPair keys, String subject, List<String> emails, String upn) {
    try {
      PKCS10CertificationRequestBuilder builder =
          new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic());
      List<GeneralName> names = new ArrayList<>();
      emails.forEach(e -> names.add(new GeneralName(GeneralName.rfc822Name, e)));
      if (upn != null) {
        names.add(
            new GeneralName(
                GeneralName.otherName,
                new OtherName(
                    new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3"), new DERUTF8String(upn))));
      }
      if (!names.isEmpty()) {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(names.toArray(GeneralName[]::new)));
        builder.addAttribute(
            PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
      }
      String algorithm =
          keys.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
      return builder
          .build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate()))
          .getEncoded();
    } catch (IOException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }
}
