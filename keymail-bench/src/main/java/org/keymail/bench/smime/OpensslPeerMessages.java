package org.keymail.bench.smime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.keymail.smime.SmimeException;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.encrypt.MessageEncryptor;
import org.keymail.smime.sign.MessageSigner;

/**
 * Writes the 50 MB messages of the targeted cases, as keymail sends them, with the keys and
 * certificates in PEM, so {@code bench/smime-vs-openssl} can time {@code openssl cms} doing the
 * same job on the same bytes: verifying the signed message, decrypting the GCM and CBC ones.
 *
 * <p>{@code OpensslPeerMessages DIR [SIZE]} writes into {@code DIR}: {@code root.pem} (the
 * organisation's root, the trust anchor), {@code signed.eml} (signed by alice, her chain inside),
 * {@code bob.pem} and {@code bob-key.pem} (PKCS#8, unencrypted: benchmark keys only), {@code
 * encrypted-AES256_GCM.eml} and {@code encrypted-AES256_CBC.eml} (to bob, no sender copy).
 */
public final class OpensslPeerMessages {

  private OpensslPeerMessages() {}

  public static void main(String[] args)
      throws IOException, GeneralSecurityException, SmimeException {
    Path directory = Files.createDirectories(Path.of(args[0]));
    MessageSize size = args.length > 1 ? MessageSize.valueOf(args[1]) : MessageSize.MB_50;
    Path message = MessageFiles.writeMessage(directory, size);

    BenchOrganisation organisation = BenchOrganisation.mint();
    BenchIdentity alice = organisation.user(KeyType.RSA_2048, "alice@example.org");
    writePem(directory.resolve("root.pem"), "CERTIFICATE", organisation.root().getEncoded());
    try (InputStream in = MessageFiles.open(message);
        OutputStream out = MessageFiles.create(directory.resolve("signed.eml"))) {
      MessageSigner.builder(alice.keyHandle()).chain(alice.chain()).build().sign(in, out);
    }

    BenchIdentity bob = BenchIdentity.mint(KeyType.RSA_2048, "bob@example.org");
    writePem(directory.resolve("bob.pem"), "CERTIFICATE", bob.certificate().getEncoded());
    writePem(directory.resolve("bob-key.pem"), "PRIVATE KEY", bob.privateKey().getEncoded());
    for (ContentCipher cipher :
        new ContentCipher[] {ContentCipher.AES256_GCM, ContentCipher.AES256_CBC}) {
      try (InputStream in = MessageFiles.open(message);
          OutputStream out =
              MessageFiles.create(directory.resolve("encrypted-" + cipher + ".eml"))) {
        MessageEncryptor.builder()
            .recipient(bob.certificate())
            .withoutSenderCopy()
            .cipher(cipher)
            .build()
            .encrypt(in, out);
      }
    }
  }

  private static void writePem(Path file, String label, byte[] der) throws IOException {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    Files.writeString(
        file,
        "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n",
        StandardCharsets.US_ASCII);
  }
}
