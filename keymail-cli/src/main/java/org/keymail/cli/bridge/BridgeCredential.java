package org.keymail.cli.bridge;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.keymail.cli.bridge.listen.ClientLogin;
import org.keymail.smime.address.EmailAddress;

/**
 * The user name and password a mail client gives the bridge: the user's own address and a random
 * password made at each start (100 bits, in five groups of four letters and digits that are easy to
 * copy), shown once and kept in memory only. It is no keymail or mail password: it opens this
 * bridge on this computer and nothing else.
 */
final class BridgeCredential implements ClientLogin {

  private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

  private final EmailAddress user;
  private final char[] password;

  private BridgeCredential(EmailAddress user, char[] password) {
    this.user = user;
    this.password = password;
  }

  static BridgeCredential generate(EmailAddress user) {
    SecureRandom random = new SecureRandom();
    char[] password = new char[24];
    for (int i = 0; i < password.length; i++) {
      password[i] = (i % 5 == 4) ? '-' : ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return new BridgeCredential(user, password);
  }

  /** The user name clients give: the user's address. */
  String user() {
    return user.toString();
  }

  /** The password, for the one display at start. */
  String passwordToShow() {
    return new String(password);
  }

  @Override
  public boolean accepts(String name, char[] given) {
    boolean sameUser =
        name.strip().equalsIgnoreCase(user.toString())
            || name.strip().equalsIgnoreCase(user.ascii());
    // Compared in constant time: the comparison tells nothing of how much was right.
    boolean samePassword = MessageDigest.isEqual(utf8(password), utf8(given));
    return sameUser & samePassword;
  }

  private static byte[] utf8(char[] chars) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    return bytes;
  }

  @Override
  public String toString() {
    return "BridgeCredential[" + user + ", redacted]";
  }
}
