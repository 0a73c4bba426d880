package org.keymail.cli.mail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The mail API's addresses of a folder's pages and messages. */
final class Folders {

  static final String INBOX = "INBOX";

  private Folders() {}

  static String page(String folder, int page) {
    return "/api/v1/mail/messages?folder=" + encoded(folder) + "&page=" + page;
  }

  static String message(String folder, long uid) {
    return "/api/v1/mail/messages/" + uid + "?folder=" + encoded(folder);
  }

  static String seen(String folder, long uid) {
    return "/api/v1/mail/messages/" + uid + "/seen?folder=" + encoded(folder);
  }

  private static String encoded(String folder) {
    return URLEncoder.encode(folder, StandardCharsets.UTF_8);
  }
}
