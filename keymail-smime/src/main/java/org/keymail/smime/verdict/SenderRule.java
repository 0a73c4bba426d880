package org.keymail.smime.verdict;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keymail.smime.address.AddressList;
import org.keymail.smime.address.AddressReading;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.internal.VisibleText;

/**
 * RFC 8550 §3 and the lessons of the studies of S/MIME clients: a signature vouches for the sender
 * only when the message names its sender unambiguously and that sender is the signer. Exactly one
 * From field holding exactly one usable address (no group, not empty) that is one of the signer's
 * certificate's addresses; Sender, where present, judged the same way; and no display name or
 * comment that shows another address, since a client may show that instead. Every mailbox found is
 * judged, so a second From field or a second address is named, not just counted.
 */
final class SenderRule {

  /** The codes of one kind of field. */
  private record Codes(
      String field,
      ReasonCode repeated,
      ReasonCode unreadable,
      ReasonCode empty,
      ReasonCode group,
      ReasonCode several,
      ReasonCode unusable,
      ReasonCode notSigner,
      ReasonCode displayName) {}

  private static final Codes FROM =
      new Codes(
          "From",
          ReasonCode.FROM_REPEATED,
          ReasonCode.FROM_UNREADABLE,
          ReasonCode.FROM_EMPTY,
          ReasonCode.FROM_GROUP,
          ReasonCode.FROM_SEVERAL_ADDRESSES,
          ReasonCode.FROM_ADDRESS_UNUSABLE,
          ReasonCode.FROM_NOT_SIGNER,
          ReasonCode.FROM_DISPLAY_NAME_ADDRESS);

  private static final Codes SENDER =
      new Codes(
          "Sender",
          ReasonCode.SENDER_REPEATED,
          ReasonCode.SENDER_UNREADABLE,
          ReasonCode.SENDER_EMPTY,
          ReasonCode.SENDER_GROUP,
          ReasonCode.SENDER_SEVERAL_ADDRESSES,
          ReasonCode.SENDER_ADDRESS_UNUSABLE,
          ReasonCode.SENDER_NOT_SIGNER,
          ReasonCode.SENDER_DISPLAY_NAME_ADDRESS);

  private SenderRule() {}

  /**
   * Judges the message's From and Sender fields against {@code signedBy}, the signer's usable
   * addresses (empty when there are none or the certificate is unknown: then no address is judged
   * against the signer, as another rule has already said why).
   */
  static List<Finding> judge(List<EmailAddress> signedBy, SenderFields fields) {
    List<Finding> findings = new ArrayList<>();
    if (fields.from().isEmpty()) {
      findings.add(Finding.of(ReasonCode.FROM_MISSING));
    }
    judge(FROM, fields.from(), signedBy, findings);
    judge(SENDER, fields.sender(), signedBy, findings);
    return findings;
  }

  private static void judge(
      Codes codes, List<AddressList> fields, List<EmailAddress> signedBy, List<Finding> findings) {
    if (fields.size() > 1) {
      findings.add(Finding.of(codes.repeated(), fields.size()));
    }
    for (AddressList field : fields) {
      if (!field.isReadable()) {
        findings.add(
            Finding.of(codes.unreadable(), field.shown(), field.unreadable().orElseThrow()));
        continue;
      }
      if (field.entries().isEmpty()) {
        findings.add(Finding.of(codes.empty()));
      }
      for (AddressList.Group group : field.groups()) {
        findings.add(Finding.of(codes.group(), VisibleText.quoted(group.displayName())));
      }
      List<AddressList.Mailbox> mailboxes = field.mailboxes();
      if (mailboxes.size() > 1) {
        List<String> shown = mailboxes.stream().map(m -> SenderFields.shown(m.address())).toList();
        findings.add(Finding.of(codes.several(), mailboxes.size(), shown));
      }
      for (AddressList.Mailbox mailbox : mailboxes) {
        judge(codes, mailbox, signedBy, findings);
      }
    }
  }

  private static void judge(
      Codes codes,
      AddressList.Mailbox mailbox,
      List<EmailAddress> signedBy,
      List<Finding> findings) {
    switch (mailbox.address()) {
      case AddressReading.Unusable unusable ->
          findings.add(Finding.of(codes.unusable(), unusable.shown(), unusable.explanation()));
      case AddressReading.Usable usable -> {
        if (!signedBy.isEmpty() && !signedBy.contains(usable.email())) {
          findings.add(Finding.of(codes.notSigner(), usable.email(), signedBy));
        }
      }
    }
    DisplayNames.otherAddress(mailbox)
        .ifPresent(
            shows ->
                findings.add(
                    Finding.of(
                        codes.displayName(),
                        shows.name(),
                        shows.address(),
                        SenderFields.shown(mailbox.address()))));
  }

  /**
   * What a display name shows: the name and the other address in it, both quoted and safe to show.
   */
  record Shows(String name, String address) {}

  /** Finds addresses in display names and comments. */
  static final class DisplayNames {

    private DisplayNames() {}

    /**
     * The first address shown in the mailbox's display name or comments that is not the mailbox's
     * own address; empty when there is none.
     */
    static Optional<Shows> otherAddress(AddressList.Mailbox mailbox) {
      Optional<EmailAddress> actual = mailbox.address().address();
      List<String> texts = new ArrayList<>();
      mailbox.displayName().ifPresent(texts::add);
      texts.addAll(mailbox.comments());
      for (String text : texts) {
        for (String candidate : addressLike(text)) {
          Optional<EmailAddress> shown = EmailAddress.read(candidate).address();
          if (shown.isEmpty() || actual.isEmpty() || !shown.get().equals(actual.get())) {
            return Optional.of(new Shows(VisibleText.quoted(text), VisibleText.quoted(candidate)));
          }
        }
      }
      return Optional.empty();
    }

    /**
     * The address-like words of {@code text}: runs of characters around an at sign, with text on
     * both sides. The text is first put in compatibility form (NFKC), so fullwidth letters and at
     * signs ('＠', '﹫') count as what they look like. Invisible characters are kept in the word: an
     * address with one is still shown as an address, and it is not the real one.
     */
    static List<String> addressLike(String text) {
      String normal = Normalizer.normalize(text, Normalizer.Form.NFKC);
      List<String> words = new ArrayList<>();
      int at = normal.indexOf('@');
      while (at >= 0) {
        int start = at;
        while (start > 0 && !isDelimiter(normal.charAt(start - 1))) {
          start--;
        }
        int end = at + 1;
        while (end < normal.length()
            && !isDelimiter(normal.charAt(end))
            && normal.charAt(end) != '@') {
          end++;
        }
        String word = normal.substring(start, end);
        while (word.endsWith(".")) {
          word = word.substring(0, word.length() - 1); // the full stop of a sentence
        }
        int wordAt = word.indexOf('@');
        if (wordAt > 0 && wordAt < word.length() - 1) {
          words.add(word);
        }
        at = normal.indexOf('@', at + 1);
      }
      return words;
    }

    private static boolean isDelimiter(char c) {
      return Character.isWhitespace(c)
          || Character.isSpaceChar(c)
          || "<>()[]\"',;:".indexOf(c) >= 0;
    }
  }
}
