package org.keymail.server.dashboard;

import org.keymail.vault.VaultException;
import org.keymail.vault.keys.CertificateOwnerException;
import org.keymail.vault.keys.DuplicateCertificateException;
import org.keymail.vault.keys.Pkcs12FormatException;
import org.keymail.vault.keys.Pkcs12NoKeyException;
import org.keymail.vault.keys.Pkcs12PasswordException;
import org.keymail.vault.keys.UnsupportedKeyException;

/** Why a .p12/.pfx file was not imported, in one sentence the user can act on. */
final class ImportProblems {

  private ImportProblems() {}

  static String sentence(VaultException refused) {
    String detail = refused.getMessage() == null ? "" : " (" + refused.getMessage() + ")";
    if (refused instanceof Pkcs12PasswordException) {
      return "The password does not open this file. Type the password it was exported with.";
    }
    if (refused instanceof Pkcs12NoKeyException) {
      return "This file holds no private key, only certificates: export it again with its key.";
    }
    if (refused instanceof UnsupportedKeyException) {
      return "The key in this file is of a kind keymail does not keep" + detail + ".";
    }
    if (refused instanceof CertificateOwnerException) {
      return "This certificate is not yours" + detail + ".";
    }
    if (refused instanceof DuplicateCertificateException) {
      return "You have this certificate already" + detail + ".";
    }
    if (refused instanceof Pkcs12FormatException) {
      return "This is not a .p12/.pfx file keymail can use, or its key and certificate do not"
          + " belong together"
          + detail
          + ".";
    }
    return "The file was not imported" + detail + ".";
  }
}
