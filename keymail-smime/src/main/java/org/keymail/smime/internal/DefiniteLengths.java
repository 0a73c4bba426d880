package org.keymail.smime.internal;

import java.io.IOException;
import java.util.Arrays;

/**
 * Re-encodes a BER element (X.690 §8) whose constructed parts may have indefinite lengths with
 * definite lengths only, so that Bouncy Castle can parse it lazily from an array.
 *
 * <p>Signatures arrive in BER: streaming signers (Bouncy Castle's, keymail's own, openssl's) write
 * indefinite lengths. Bouncy Castle parses BER through one stream per nesting level, a byte at a
 * time; with definite lengths it can keep each SEQUENCE as an array until it is needed, which makes
 * a signature several times cheaper to parse and leaves the certificates it carries in their exact
 * encoding. Elements with no indefinite length inside are copied byte for byte (a certificate keeps
 * its DER); only the lengths of the elements around an indefinite one are written anew, in the
 * shortest form.
 *
 * <p>Internal: not part of keymail's API.
 */
public final class DefiniteLengths {

  /** Deeper nesting than this is not a signature, and would exhaust the stack. */
  static final int MAX_DEPTH = 64;

  private final byte[] in;

  /** Where each constructed element whose length changes starts, in the order they start. */
  private int[] starts = new int[8];

  /** The new content length of each of those elements. */
  private int[] lengths = new int[8];

  private int count;

  /** The next of those elements to write. */
  private int next;

  /** Where the element last measured or written ends in the input. */
  private int end;

  private DefiniteLengths(byte[] in) {
    this.in = in;
  }

  /**
   * The element in {@code ber} with definite lengths only; {@code ber} itself when none of its
   * lengths is indefinite.
   *
   * @throws IOException when {@code ber} is not exactly one well-formed BER element
   */
  public static byte[] of(byte[] ber) throws IOException {
    DefiniteLengths d = new DefiniteLengths(ber);
    int size = d.measure(0, ber.length, 0);
    if (d.end != ber.length) {
      throw new IOException(
          "extra data after the encoded element (" + (ber.length - d.end) + " bytes)");
    }
    if (d.count == 0) {
      return ber;
    }
    byte[] out = new byte[size];
    d.emit(0, out, 0);
    return out;
  }

  /**
   * Checks the element at {@code p}, which must end by {@code limit}, and returns its size once
   * re-encoded; records each constructed element that changes. Sets {@link #end}.
   */
  private int measure(int p, int limit, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new IOException("the encoding nests more than " + MAX_DEPTH + " levels deep");
    }
    int lengthAt = checkedTagEnd(p, limit);
    int lengthByte = in[lengthAt] & 0xff;
    boolean constructed = (in[p] & 0x20) != 0;
    if (lengthByte == 0x80) {
      if (!constructed) {
        throw new IOException("a primitive element has an indefinite length");
      }
      int slot = reserve(p);
      int q = lengthAt + 1;
      int content = 0;
      while (true) {
        if (q + 2 > limit) {
          throw new IOException("an indefinite length has no end-of-contents");
        }
        if (in[q] == 0 && in[q + 1] == 0) {
          break;
        }
        content = sum(content, measure(q, limit, depth + 1));
        q = end;
      }
      lengths[slot] = content;
      end = q + 2;
      return lengthAt - p + lengthSize(content) + content;
    }
    int contentStart = checkedContentStart(lengthAt, limit);
    int stop = contentStart + definiteLength(lengthAt);
    if (constructed) {
      int slot = reserve(p);
      int q = contentStart;
      int content = 0;
      while (q < stop) {
        content = sum(content, measure(q, stop, depth + 1));
        q = end;
      }
      end = stop;
      if (count == slot + 1) {
        count--; // nothing inside changes: copied as it is
        return stop - p;
      }
      lengths[slot] = content;
      return lengthAt - p + lengthSize(content) + content;
    }
    end = stop;
    return stop - p;
  }

  private int reserve(int p) {
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
      lengths = Arrays.copyOf(lengths, count * 2);
    }
    starts[count] = p;
    return count++;
  }

  private int sum(int a, int b) throws IOException {
    long sum = (long) a + b;
    if (sum > Integer.MAX_VALUE / 2) {
      throw new IOException("the encoding is too long");
    }
    return (int) sum;
  }

  /**
   * Writes the (checked) element at {@code p} to {@code out} at {@code o}; returns where it ends
   * there.
   */
  private int emit(int p, byte[] out, int o) {
    int lengthAt = tagEnd(p);
    if (next < count && starts[next] == p) {
      int content = lengths[next++];
      System.arraycopy(in, p, out, o, lengthAt - p);
      o = writeLength(out, o + lengthAt - p, content);
      int q = contentStart(lengthAt);
      if ((in[lengthAt] & 0xff) == 0x80) {
        while (!(in[q] == 0 && in[q + 1] == 0)) {
          o = emit(q, out, o);
          q = end;
        }
        end = q + 2;
      } else {
        int stop = q + definiteLength(lengthAt);
        while (q < stop) {
          o = emit(q, out, o);
          q = end;
        }
        end = stop;
      }
      return o;
    }
    // unchanged, hence definite
    int stop = contentStart(lengthAt) + definiteLength(lengthAt);
    System.arraycopy(in, p, out, o, stop - p);
    end = stop;
    return o + stop - p;
  }

  /**
   * Checks the tag at {@code p} and that a length octet follows; returns where the length starts.
   */
  private int checkedTagEnd(int p, int limit) throws IOException {
    if (p >= limit) {
      throw new IOException("the encoding ends inside an element");
    }
    int q = p + 1;
    if ((in[p] & 0x1f) == 0x1f) {
      do {
        if (q >= limit || q - p > 5) {
          throw new IOException("a tag is truncated or longer than keymail reads");
        }
      } while ((in[q++] & 0x80) != 0);
    }
    if (q >= limit) {
      throw new IOException("the encoding ends before a length");
    }
    return q;
  }

  /** Checks the definite length at {@code lengthAt}; returns where the content starts. */
  private int checkedContentStart(int lengthAt, int limit) throws IOException {
    int lengthByte = in[lengthAt] & 0xff;
    int n = lengthByte > 0x80 ? lengthByte & 0x7f : 0;
    if (n > 4 || lengthAt + 1 + n > limit) {
      throw new IOException("a length is truncated or longer than keymail reads");
    }
    int contentStart = lengthAt + 1 + n;
    int length = definiteLength(lengthAt);
    if (length < 0 || length > limit - contentStart) {
      throw new IOException("an element is longer than what contains it");
    }
    return contentStart;
  }

  private int tagEnd(int p) {
    int q = p + 1;
    if ((in[p] & 0x1f) == 0x1f) {
      while ((in[q++] & 0x80) != 0) {
        // the tag number goes on
      }
    }
    return q;
  }

  private int contentStart(int lengthAt) {
    int lengthByte = in[lengthAt] & 0xff;
    return lengthAt + 1 + (lengthByte > 0x80 ? lengthByte & 0x7f : 0);
  }

  private int definiteLength(int lengthAt) {
    int lengthByte = in[lengthAt] & 0xff;
    if (lengthByte < 0x80) {
      return lengthByte;
    }
    int length = 0;
    for (int i = 1; i <= (lengthByte & 0x7f); i++) {
      length = (length << 8) | (in[lengthAt + i] & 0xff);
    }
    return length;
  }

  private static int lengthSize(int length) {
    if (length < 0x80) {
      return 1;
    }
    if (length < 0x100) {
      return 2;
    }
    if (length < 0x10000) {
      return 3;
    }
    return length < 0x1000000 ? 4 : 5;
  }

  private static int writeLength(byte[] out, int o, int length) {
    if (length < 0x80) {
      out[o] = (byte) length;
      return o + 1;
    }
    int n = lengthSize(length) - 1;
    out[o++] = (byte) (0x80 | n);
    for (int i = n - 1; i >= 0; i--) {
      out[o++] = (byte) (length >>> (8 * i));
    }
    return o;
  }
}
