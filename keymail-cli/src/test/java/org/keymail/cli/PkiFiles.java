package org.keymail.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.Messages;
import org.keymail.smime.testing.PemFiles;
import org.keymail.smime.testing.TestPki;

/**
 * A test organisation written to files the way a user holds them: the CA certificates, alice (RSA)
 * and bob (EC) with their certificates and keys, and a message from alice to bob.
 */
public final class PkiFiles {

  /** The text of the message's attachment. */
  public static final String ATTACHMENT = "quarterly figures: up 12%";

  public final TestPki pki;
  public final Identity alice;
  public final Identity bob;
  public final Path caFile;
  public final Path aliceCert;
  public final Path aliceKey;
  public final Path bobCert;
  public final Path bobKey;
  public final Path message;

  private PkiFiles(Path dir, TestPki pki) {
    this.pki = pki;
    this.alice = pki.user("alice@example.org", KeyType.RSA_2048);
    this.bob = pki.user("bob@example.org", KeyType.EC_P256);
    this.caFile = PemFiles.write(dir.resolve("ca.pem"), pki.root());
    // A certificate file with its chain after it, as CAs hand them out.
    this.aliceCert = PemFiles.write(dir.resolve("alice.pem"), alice.certificate(), pki.issuing());
    this.aliceKey = PemFiles.write(dir.resolve("alice-key.pem"), alice.privateKey());
    this.bobCert = PemFiles.write(dir.resolve("bob.pem"), bob.certificate(), pki.issuing());
    this.bobKey = PemFiles.write(dir.resolve("bob-key.pem"), bob.privateKey());
    this.message = dir.resolve("message.eml");
    try {
      Files.write(message, messageBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new organisation in {@code dir}. */
  public static PkiFiles in(Path dir) {
    return new PkiFiles(dir, TestPki.create());
  }

  /** The organisation of {@code pki}, written again in {@code dir}. */
  public static PkiFiles in(Path dir, TestPki pki) {
    return new PkiFiles(dir, pki);
  }

  /** The message from alice to bob, with an attachment. */
  public static byte[] messageBytes() {
    return Messages.withAttachment(
        "alice@example.org",
        "bob@example.org",
        ATTACHMENT.getBytes(StandardCharsets.UTF_8),
        "figures.txt");
  }
}
