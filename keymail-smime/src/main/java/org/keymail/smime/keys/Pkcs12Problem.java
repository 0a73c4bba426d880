package org.keymail.smime.keys;

/** Why a PKCS#12 file could not be read; {@link Pkcs12Exception#getMessage()} says it in words. */
public enum Pkcs12Problem {
  /** The bytes are not a PKCS#12 file at all. */
  NOT_PKCS12,
  /** A PKCS#12 file, but damaged, or written with algorithms keymail does not read. */
  UNREADABLE,
  /** A password step asks for more iterations than the reader allows. */
  TOO_COSTLY,
  /** The password does not open the file. */
  WRONG_PASSWORD,
  /** The file holds certificates only. */
  NO_KEY,
  /** A private key comes without its certificate. */
  KEY_WITHOUT_CERTIFICATE,
  /** A private key comes with a certificate of another key. */
  KEY_NOT_OF_CERTIFICATE,
  /** A private key of a kind keymail does not read. */
  UNSUPPORTED_KEY
}
