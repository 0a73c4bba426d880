package org.keymail.mail.imap;

import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.ListInfo;

/**
 * Finds the folders the server flags as the user's Sent, Drafts and Trash (RFC 6154), so keymail
 * uses the same ones as the user's desktop client instead of making its own next to them.
 */
final class SpecialUseFolders {

  private SpecialUseFolders() {}

  /** The server's full name of each flagged folder; a role the server flags none for is absent. */
  static Map<FolderRole, String> of(IMAPStore store) throws MessagingException {
    // A server may leave the attributes out of a plain LIST unless they are asked for; one that
    // cannot be asked (no LIST-EXTENDED) may still send them, as some do.
    boolean ask = store.hasCapability("SPECIAL-USE") && store.hasCapability("LIST-EXTENDED");
    IMAPFolder any = (IMAPFolder) store.getFolder("INBOX");
    Object answer = any.doCommand(p -> ask ? listSpecialUse(p) : p.list("", "*"));
    Map<FolderRole, String> found = new EnumMap<>(FolderRole.class);
    if (answer instanceof ListInfo[] list) {
      for (ListInfo folder : list) {
        if (folder.canOpen) {
          for (FolderRole role : FolderRole.values()) {
            if (flagged(folder, role)) {
              found.putIfAbsent(role, folder.name);
            }
          }
        }
      }
    }
    return Collections.unmodifiableMap(found);
  }

  private static boolean flagged(ListInfo folder, FolderRole role) {
    if (folder.attrs == null) {
      return false;
    }
    for (String attribute : folder.attrs) {
      if (attribute.equalsIgnoreCase(role.attribute())) {
        return true;
      }
    }
    return false;
  }

  /** {@code LIST "" "*" RETURN (SPECIAL-USE)}, which Angus has no method for. */
  private static ListInfo[] listSpecialUse(IMAPProtocol protocol) throws ProtocolException {
    Response[] responses = protocol.command("LIST \"\" \"*\" RETURN (SPECIAL-USE)", null);
    Response result = responses[responses.length - 1];
    List<ListInfo> folders = new ArrayList<>();
    if (result.isOK()) {
      for (int i = 0; i < responses.length - 1; i++) {
        if (responses[i] instanceof IMAPResponse r && r.keyEquals("LIST")) {
          folders.add(new ListInfo(r));
          responses[i] = null;
        }
      }
    }
    protocol.notifyResponseHandlers(responses);
    protocol.handleResult(result);
    return folders.toArray(ListInfo[]::new);
  }
}
