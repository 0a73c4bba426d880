package org.keymail.vault.keyuse;

/**
 * A key-use journal is held by a keymail process: a server runs on its data folder (or, in the same
 * process, a journal on the folder is open). Unchecked, like the {@link IllegalStateException} it
 * is, because a server that cannot open its journal cannot start at all.
 */
public final class JournalInUseException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  JournalInUseException(String message) {
    super(message);
  }
}
