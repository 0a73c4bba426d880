package org.keymail.cli.mail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The mail API's addresses of a folder's pages and messages (also where {@code keymail contacts
 * add-from UID} fetches a message).
 */
public final class Folders {

  /** The folder a command reads unless told another. */
  public static final String INBOX = "INBOX";

  private Folders() {}

  public static String page(String folder, int page) {
    return "/api/v1/mail/messages?folder=" + encoded(folder) + "&page=" + page;
  }

  /** Where the raw message {@code uid} of {@code folder} is fetched. */
  public static String message(String folder, long uid) {
    return "/api/v1/mail/messages/" + uid + "?folder=" + encoded(folder);
  }

  public static String seen(String folder, long uid) {
    return "/api/v1/mail/messages/" + uid + "/seen?folder=" + encoded(folder);
  }

  /** Where a message's flags are set ({@code add}) and cleared ({@code remove}). */
  public static String flags(String folder, long uid) {
    return "/api/v1/mail/messages/" + uid + "/flags?folder=" + encoded(folder);
  }

  /** Where a message is moved or copied ({@code how}: move or copy) to {@code target}. */
  public static String transfer(String folder, long uid, String how, String target) {
    return "/api/v1/mail/messages/"
        + uid
        + "/"
        + how
        + "?folder="
        + encoded(folder)
        + "&to="
        + encoded(target);
  }

  public static String expunge(String folder) {
    return "/api/v1/mail/expunge?folder=" + encoded(folder);
  }

  /** Where a message is stored in {@code folder}. */
  public static String append(String folder) {
    return "/api/v1/mail/folders/" + encoded(folder).replace("+", "%20") + "/messages";
  }

  private static String encoded(String folder) {
    return URLEncoder.encode(folder, StandardCharsets.UTF_8);
  }
}
