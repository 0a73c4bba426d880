package org.keymail.server.webmail.read;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * A received HTML body made safe to show: jsoup keeps an allow-list of elements and attributes (no
 * script, no form, no frame, no event handler), links open outside the message, and remote content
 * (images by address, CSS {@code url(...)} to another site) is removed until the reader asks for it
 * for this message. It is shown in a sandboxed frame under its own strict content security policy
 * ({@link #policy}), so even what the sanitiser let through cannot run or load anything else.
 */
final class HtmlBody {

  private static final Pattern CSS_URL =
      Pattern.compile("url\\s*\\(\\s*['\"]?\\s*(?!data:)[^)]*\\)", Pattern.CASE_INSENSITIVE);

  private static final Safelist SAFELIST =
      Safelist.relaxed()
          .addAttributes(
              ":all", "style", "align", "valign", "bgcolor", "width", "height", "dir", "lang")
          .addAttributes("table", "border", "cellpadding", "cellspacing")
          .addAttributes("font", "color", "face", "size")
          .addTags("font", "center", "hr")
          .addProtocols("img", "src", "data")
          .addEnforcedAttribute("a", "rel", "noopener noreferrer")
          .addEnforcedAttribute("a", "target", "_blank");

  private HtmlBody() {}

  /**
   * The sanitised document, and how many remote references it held.
   *
   * @param html the whole document as it will be served
   * @param remote how many remote images or style references were found (removed unless shown)
   */
  record Sanitised(String html, int remote) {}

  static Sanitised sanitise(String received, boolean showRemote) {
    Document dirty = Jsoup.parse(received);
    Document clean = new Cleaner(SAFELIST).clean(dirty);
    int remote = 0;
    for (Element image : clean.select("img[src]")) {
      String src = image.attr("src").strip().toLowerCase(Locale.ROOT);
      if (src.startsWith("data:")) {
        continue;
      }
      remote++;
      if (!showRemote) {
        image.removeAttr("src");
        image.attr("alt", image.attr("alt").isBlank() ? "[remote image]" : image.attr("alt"));
      }
    }
    for (Element styled : clean.select("[style]")) {
      Matcher urls = CSS_URL.matcher(styled.attr("style"));
      if (urls.find()) {
        remote++;
        if (!showRemote) {
          styled.attr("style", urls.replaceAll("none"));
        }
      }
    }
    clean.outputSettings().prettyPrint(false);
    String page =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
            + "<style>body{font-family:system-ui,sans-serif;margin:.5rem;overflow-wrap:anywhere}"
            + "img{max-width:100%;height:auto}</style></head><body>"
            + clean.body().html()
            + "</body></html>";
    return new Sanitised(page, remote);
  }

  /** The frame's own content security policy: nothing runs, only what it shows may load. */
  static String policy(boolean showRemote) {
    return "default-src 'none'; img-src data:"
        + (showRemote ? " https: http:" : "")
        + "; style-src 'unsafe-inline'; font-src data:; base-uri 'none'; form-action 'none';"
        + " frame-ancestors 'self'";
  }
}
