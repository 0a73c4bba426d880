package org.keymail.server.webmail.compose;

import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.address.InvalidEmailAddressException;

/**
 * One address a message goes to, with the name typed before it ({@code Ann Lee <ann@example.org>}).
 *
 * @param name the display name, when one was typed
 * @param address the address, checked strictly
 */
record Recipient(Optional<String> name, EmailAddress address) {

  private static final Pattern NAMED = Pattern.compile("^(.*?)<([^<>]*)>$");

  Recipient {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
  }

  /** The address as a header field shows it, the name encoded where it is not ASCII. */
  InternetAddress header() {
    try {
      return name.isPresent()
          ? new InternetAddress(address.toString(), name.get(), StandardCharsets.UTF_8.name())
          : new InternetAddress(address.toString(), null, StandardCharsets.UTF_8.name());
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
  }

  /** As the field shows it again: {@code Name <address>} or the bare address. */
  String typed() {
    return name.map(n -> n + " <" + address + ">").orElse(address.toString());
  }

  /**
   * The addresses typed into field {@code field} (To, Cc or Bcc): separated by commas or
   * semicolons, each bare or as {@code Name <address>}.
   *
   * @throws ComposeProblem naming the first piece that is not an address, and why
   */
  static List<Recipient> parse(String field, String text) throws ComposeProblem {
    List<Recipient> recipients = new ArrayList<>();
    for (String piece : split(text == null ? "" : text)) {
      String typed = piece.strip();
      if (typed.isEmpty()) {
        continue;
      }
      Optional<String> name = Optional.empty();
      String address = typed;
      Matcher named = NAMED.matcher(typed);
      if (named.matches()) {
        String shown = named.group(1).strip();
        if (shown.length() >= 2 && shown.startsWith("\"") && shown.endsWith("\"")) {
          shown = shown.substring(1, shown.length() - 1).strip();
        }
        name = shown.isEmpty() ? Optional.empty() : Optional.of(shown);
        address = named.group(2).strip();
      }
      try {
        recipients.add(new Recipient(name, EmailAddress.parse(address)));
      } catch (InvalidEmailAddressException e) {
        throw new ComposeProblem(
            "\"" + typed + "\" in " + field + " is not an e-mail address: " + e.getMessage() + ".");
      }
    }
    return recipients;
  }

  /** Splits at commas and semicolons outside quotes and angle brackets. */
  private static List<String> split(String text) {
    List<String> pieces = new ArrayList<>();
    StringBuilder piece = new StringBuilder();
    boolean quoted = false;
    boolean angled = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' && !angled) {
        quoted = !quoted;
      } else if (c == '<' && !quoted) {
        angled = true;
      } else if (c == '>' && !quoted) {
        angled = false;
      } else if ((c == ',' || c == ';' || c == '\n' || c == '\r') && !quoted && !angled) {
        pieces.add(piece.toString());
        piece.setLength(0);
        continue;
      }
      piece.append(c);
    }
    pieces.add(piece.toString());
    return pieces;
  }
}
