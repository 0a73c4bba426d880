package org.keymail.smime.read;

import java.security.cert.X509Certificate;
import java.util.List;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.sign.SignatureForm;
import org.keymail.smime.verdict.Verdict;

/** One S/MIME wrapping of a message, as found when reading it from the outside in. */
public sealed interface Layer {

  /** A signature (RFC 8551 §3.5); one verdict per signer, best first. */
  record Signed(SignatureForm form, List<Verdict> verdicts) implements Layer {
    public Signed {
      verdicts = List.copyOf(verdicts);
    }

    /** The verdict of the best signer. */
    public Verdict verdict() {
      return verdicts.get(0);
    }
  }

  /**
   * An encryption (RFC 8551 §3.3): the content cipher, how the content key was protected for the
   * key that opened it, and that key's certificate.
   */
  record Encrypted(ContentCipher cipher, String keyProtection, X509Certificate decryptedWith) implements Layer {}
}
