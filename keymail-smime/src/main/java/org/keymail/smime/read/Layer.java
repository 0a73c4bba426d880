package org.keymail.smime.read;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.sign.SignatureForm;
import org.keymail.smime.verdict.Verdict;

/** One S/MIME wrapping of a message, as found when reading it from the outside in. */
public sealed interface Layer {

  /**
   * What the reader noticed about this layer's content that a person may want to know, e.g. that it
   * was not a MIME entity and is shown as plain text; empty for most messages.
   */
  List<String> notes();

  /** This layer with {@code note} added to its notes. */
  Layer withNote(String note);

  /** A signature (RFC 8551 §3.5); one verdict per signer, best first. */
  record Signed(SignatureForm form, List<Verdict> verdicts, List<String> notes) implements Layer {
    public Signed {
      verdicts = List.copyOf(verdicts);
      notes = List.copyOf(notes);
    }

    public Signed(SignatureForm form, List<Verdict> verdicts) {
      this(form, verdicts, List.of());
    }

    /** The verdict of the best signer. */
    public Verdict verdict() {
      return verdicts.get(0);
    }

    @Override
    public Signed withNote(String note) {
      return new Signed(form, verdicts, added(notes, note));
    }
  }

  /**
   * An encryption (RFC 8551 §3.3): the content cipher, how the content key was protected for the
   * key that opened it, and that key's certificate.
   */
  record Encrypted(
      ContentCipher cipher, String keyProtection, X509Certificate decryptedWith, List<String> notes)
      implements Layer {
    public Encrypted {
      notes = List.copyOf(notes);
    }

    public Encrypted(ContentCipher cipher, String keyProtection, X509Certificate decryptedWith) {
      this(cipher, keyProtection, decryptedWith, List.of());
    }

    @Override
    public Encrypted withNote(String note) {
      return new Encrypted(cipher, keyProtection, decryptedWith, added(notes, note));
    }
  }

  private static List<String> added(List<String> notes, String note) {
    List<String> more = new ArrayList<>(notes);
    more.add(note);
    return more;
  }
}
