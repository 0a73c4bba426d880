package org.keymail.cli.mail;

/** What keymail does to a message before it goes out: sign it, encrypt it, both or neither. */
public enum Protection {
  NONE("neither signed nor encrypted"),
  SIGNED("signed"),
  ENCRYPTED("encrypted"),
  SIGNED_AND_ENCRYPTED("signed and encrypted");

  private final String words;

  Protection(String words) {
    this.words = words;
  }

  /** The protection that signs when {@code sign} says so and encrypts when {@code encrypt} does. */
  public static Protection of(Choice sign, Choice encrypt) {
    boolean signing = sign == Choice.YES;
    boolean encrypting = encrypt == Choice.YES;
    return signing ? (encrypting ? SIGNED_AND_ENCRYPTED : SIGNED) : (encrypting ? ENCRYPTED : NONE);
  }

  public boolean signs() {
    return this == SIGNED || this == SIGNED_AND_ENCRYPTED;
  }

  public boolean encrypts() {
    return this == ENCRYPTED || this == SIGNED_AND_ENCRYPTED;
  }

  /** As people read it: "signed and encrypted". */
  public String words() {
    return words;
  }

  /** One yes-or-no decision, said by its name rather than a boolean. */
  public enum Choice {
    YES,
    NO;

    public static Choice of(boolean yes) {
      return yes ? YES : NO;
    }
  }
}
