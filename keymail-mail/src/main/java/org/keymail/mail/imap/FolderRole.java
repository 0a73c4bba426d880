package org.keymail.mail.imap;

/**
 * The folders keymail itself writes to or moves to. A mail server names its own with a special-use
 * attribute (RFC 6154), whatever their names; where it flags none, keymail keeps its own folder of
 * {@link #ownName()}.
 */
public enum FolderRole {
  // In the order mail clients list them, after the inbox.
  DRAFTS("Drafts", "\\Drafts"),
  SENT("Sent", "\\Sent"),
  TRASH("Trash", "\\Trash");

  private final String ownName;
  private final String attribute;

  FolderRole(String ownName, String attribute) {
    this.ownName = ownName;
    this.attribute = attribute;
  }

  /** The folder keymail makes when the server flags none for this role. */
  public String ownName() {
    return ownName;
  }

  /** The LIST attribute that flags the server's folder for this role. */
  String attribute() {
    return attribute;
  }
}
