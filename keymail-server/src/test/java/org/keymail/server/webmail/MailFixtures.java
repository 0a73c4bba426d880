package org.keymail.server.webmail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.keymail.server.testing.ApiClient;
import org.keymail.smime.SoftwareKeyHandle;
import org.keymail.smime.encrypt.MessageEncryptor;
import org.keymail.smime.sign.MessageSigner;
import org.keymail.smime.testing.Identity;

/**
 * Mail for the webmail's tests: people with certificates from the organisation's CA, messages
 * signed and encrypted by keymail's engine, and delivery over SMTP to the embedded mail server.
 */
public final class MailFixtures {

  private MailFixtures() {}

  /**
   * A key made here and a certificate for it from the organisation's CA ({@code user} asks for it
   * with a CSR naming {@code email}, their own address): a sender whose signature is trusted.
   */
  public static Identity organisationIdentity(ApiClient user, String email) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    ExtensionsGenerator extensions = new ExtensionsGenerator();
    extensions.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
    var request =
        new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + email), pair.getPublic())
            .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      writer.writeObject(request);
    }
    var answer =
        user.post(
            "/api/v1/certificate-requests/csr",
            Map.of("template", "secure-email", "csr", pem.toString()));
    if (answer.statusCode() != 201) {
      throw new IllegalStateException("CSR answered " + answer.statusCode() + ": " + answer.body());
    }
    X509Certificate certificate =
        certificate(ApiClient.json(answer.body()).get("certificate").asString());
    return new Identity(pair.getPrivate(), certificate, List.of());
  }

  /**
   * A vault key with a certificate from the organisation's CA for {@code user}; its certificate.
   */
  public static X509Certificate vaultCertificate(ApiClient user) {
    var answer =
        user.post(
            "/api/v1/certificate-requests",
            Map.of("template", "secure-email", "keyType", "EC_P256"));
    if (answer.statusCode() != 201) {
      throw new IllegalStateException(
          "certificate request answered " + answer.statusCode() + ": " + answer.body());
    }
    return certificate(ApiClient.json(answer.body()).get("certificate").asString());
  }

  public static X509Certificate certificate(String pem) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.cert.CertificateException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code message} signed by {@code signer} (multipart/signed, its certificate included). */
  public static byte[] signed(byte[] message, Identity signer) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MessageSigner.builder(SoftwareKeyHandle.of(signer.privateKey(), signer.certificate()))
        .chain(signer.chain())
        .build()
        .sign(new ByteArrayInputStream(message), out);
    return out.toByteArray();
  }

  /** {@code message} encrypted to {@code recipient} only. */
  public static byte[] encrypted(byte[] message, X509Certificate recipient) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MessageEncryptor.builder()
        .recipient(recipient)
        .withoutSenderCopy()
        .build()
        .encrypt(new ByteArrayInputStream(message), out);
    return out.toByteArray();
  }

  /** A message with the given header fields (CRLF line ends) and a text/plain body. */
  public static byte[] text(String from, String to, String subject, String body) {
    return ("From: "
            + from
            + "\r\nTo: "
            + to
            + "\r\nSubject: "
            + subject
            + "\r\nDate: Thu, 03 Dec 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            + body.replace("\n", "\r\n")
            + "\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Delivers {@code message} byte for byte to {@code recipient} over SMTP on {@code port}. */
  public static void deliver(int port, String sender, String recipient, byte[] message)
      throws IOException {
    try (Socket socket = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      expect(in, "220");
      command(out, in, "EHLO keymail.test", "250");
      command(out, in, "MAIL FROM:<" + sender + ">", "250");
      command(out, in, "RCPT TO:<" + recipient + ">", "250");
      command(out, in, "DATA", "354");
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      boolean lineStart = true;
      for (byte b : message) {
        if (lineStart && b == '.') {
          data.write('.');
        }
        data.write(b);
        lineStart = b == '\n';
      }
      if (!lineStart) {
        data.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      data.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
      out.write(data.toByteArray());
      out.flush();
      expect(in, "250");
      command(out, in, "QUIT", "221");
    }
  }

  private static void command(OutputStream out, InputStream in, String line, String wanted)
      throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    expect(in, wanted);
  }

  private static void expect(InputStream in, String wanted) throws IOException {
    while (true) {
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\n') {
        line.append((char) c);
      }
      String reply = line.toString().strip();
      if (!reply.startsWith(wanted)) {
        throw new IOException("SMTP answered \"" + reply + "\", not " + wanted);
      }
      if (reply.length() < 4 || reply.charAt(3) != '-') {
        return;
      }
    }
  }
}
