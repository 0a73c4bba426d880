package org.keymail.bench.smime;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.keymail.smime.SmimeException;
import org.keymail.smime.encrypt.ContentCipher;

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
    writePem(directory.resolve("root.pem"), organisation.root());
    MessageFiles.sign(message, directory.resolve("signed.eml"), alice);

    BenchIdentity bob = BenchIdentity.mint(KeyType.RSA_2048, "bob@example.org");
    writePem(directory.resolve("bob.pem"), bob.certificate());
    writePem(directory.resolve("bob-key.pem"), new JcaPKCS8Generator(bob.privateKey(), null));
    for (ContentCipher cipher :
        new ContentCipher[] {ContentCipher.AES256_GCM, ContentCipher.AES256_CBC}) {
      MessageFiles.encrypt(
          message, directory.resolve("encrypted-" + cipher + ".eml"), bob.certificate(), cipher);
    }
  }

  private static void writePem(Path file, Object object) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
        JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(object);
    }
  }
}
