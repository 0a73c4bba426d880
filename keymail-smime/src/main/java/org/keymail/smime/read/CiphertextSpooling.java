package org.keymail.smime.read;

import org.keymail.smime.internal.Spool;

/**
 * A content decryptor that passes the sender's ciphertext on unchanged, checked as far as its
 * cipher allows (a GCM tag, a CBC padding), and decrypts it only when its {@link #spool()} is read:
 * the content is stored as it came, unreadable without the content key, which stays in memory.
 */
interface CiphertextSpooling {

  /** Where to store the ciphertext passed on: it is read back as plaintext. */
  Spool spool();
}
