package org.keymail.cli.bridge.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keymail.cli.bridge.imap.CommandReader.Atom;
import org.keymail.cli.bridge.imap.CommandReader.Command;

/** RFC 3501 §9 command syntax as the bridge reads it: atoms, strings, literals, lists, sections. */
class CommandReaderTest {

  private final ByteArrayOutputStream continuations = new ByteArrayOutputStream();

  private CommandReader reader(String input) {
    return new CommandReader(
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), continuations);
  }

  @Test
  void quotedStringsKeepTheirEscapedQuotesAndBackslashes() throws Exception {
    Command login = reader("a1 LOGIN \"bob@example.org\" \"pa\\\"ss\\\\word\"\r\n").next().get();
    assertThat(login.tag()).isEqualTo("a1");
    assertThat(login.name()).isEqualTo("LOGIN");
    assertThat(login.arguments()).containsExactly("bob@example.org", "pa\"ss\\word");
  }

  @Test
  void aSynchronizingLiteralGetsTheGoAheadAndIsReadByteForByte() throws Exception {
    CommandReader reader =
        reader("a2 LOGIN {15}\r\nbob@example.org {6}\r\nse\r\nt!\r\na3 NOOP\r\n");
    Command login = reader.next().get();
    assertThat(login.arguments()).containsExactly("bob@example.org", "se\r\nt!");
    assertThat(continuations.toString(StandardCharsets.US_ASCII))
        .isEqualTo("+ go ahead\r\n+ go ahead\r\n");
    assertThat(reader.next().get().name()).isEqualTo("NOOP");
  }

  @Test
  void aNonSynchronizingLiteralIsReadWithoutTheGoAhead() throws Exception {
    Command login = reader("a4 LOGIN {3+}\r\nbob \"pw\"\r\n").next().get();
    assertThat(login.arguments()).containsExactly("bob", "pw");
    assertThat(continuations.size()).isZero();
  }

  @Test
  void aSectionWithSpacesAndAPartialRangeIsOneAtom() throws Exception {
    Command fetch =
        reader("a5 UID FETCH 1:* (UID BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.512> FLAGS)\r\n")
            .next()
            .get();
    assertThat(fetch.arguments())
        .containsExactly(
            new Atom("FETCH"),
            new Atom("1:*"),
            List.of(
                new Atom("UID"),
                new Atom("BODY.PEEK[HEADER.FIELDS (FROM TO)]<0.512>"),
                new Atom("FLAGS")));
  }

  @Test
  void aMalformedCommandIsRefusedWithItsTagAndTheNextOneIsRead() throws Exception {
    CommandReader reader = reader("a6 LOGIN \"unterminated\r\na7 NOOP\r\n");
    assertThatThrownBy(reader::next)
        .isInstanceOfSatisfying(
            CommandReader.SyntaxException.class, e -> assertThat(e.tag()).isEqualTo("a6"))
        .hasMessage("a quoted string ends before the line");
    assertThat(reader.next().get().tag()).isEqualTo("a7");
  }

  @Test
  void anAppendedMessageIsBytesAndMayBeLargeOnlyOnceSignedIn() throws Exception {
    byte[] large = new byte[CommandReader.MAX_LITERAL + 1];
    java.util.Arrays.fill(large, (byte) 0xE9); // 8-bit, not UTF-8: kept as it is
    String command = "b1 APPEND Drafts (\\Draft) {" + large.length + "+}\r\n";
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    for (int i = 0; i < 2; i++) {
      input.writeBytes(command.getBytes(StandardCharsets.US_ASCII));
      input.writeBytes(large);
      input.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    CommandReader reader =
        new CommandReader(new ByteArrayInputStream(input.toByteArray()), continuations);

    assertThatThrownBy(reader::next)
        .isInstanceOf(CommandReader.SyntaxException.class)
        .hasMessage("literals of more than " + CommandReader.MAX_LITERAL + " bytes are not taken");
    reader.takeMessages();
    Command append = reader.next().get();
    assertThat(append.arguments().get(2))
        .isInstanceOfSatisfying(
            CommandReader.Message.class, m -> assertThat(m.bytes()).isEqualTo(large));
  }

  @Test
  void theEndOfTheConnectionIsNoCommand() throws Exception {
    assertThat(reader("").next()).isEmpty();
  }

  @Test
  void sequenceSetsCountStarAsTheLargestNumberAndRangesEitherWayRound() {
    SequenceSet set = SequenceSet.parse("1:3,7,9:*");
    assertThat(List.of(1L, 2L, 3L, 7L, 9L, 12L)).allMatch(n -> set.contains(n, 12));
    assertThat(List.of(4L, 8L)).noneMatch(n -> set.contains(n, 12));
    assertThat(SequenceSet.parse("5:2").contains(3, 10)).isTrue();
    // UID 10:* when the largest UID is 4 still names message 4 (RFC 3501 §6.4.8).
    assertThat(SequenceSet.parse("10:*").contains(4, 4)).isTrue();
    assertThat(SequenceSet.parse("1:5").within(4)).isFalse();
    assertThatThrownBy(() -> SequenceSet.parse("0")).hasMessage("'0' is not a message number");
    assertThatThrownBy(() -> SequenceSet.parse("1,,2")).hasMessage("'' is not a message number");
  }

  @Test
  void fetchItemsNameTheirSectionPartialRangeAndWhetherTheyPeek() {
    List<FetchItem> items =
        FetchItem.parse(
            List.of(
                new Atom("BODY.PEEK[HEADER.FIELDS (From Subject)]"),
                new Atom("BODY[2.MIME]"),
                new Atom("BODY[]<100.50>"),
                new Atom("RFC822.SIZE")));
    assertThat(items.get(0))
        .isEqualTo(
            new FetchItem.Section(
                true,
                List.of(),
                "HEADER.FIELDS",
                List.of("FROM", "SUBJECT"),
                java.util.Optional.empty(),
                0,
                "BODY[HEADER.FIELDS (FROM SUBJECT)]"));
    assertThat(items.get(1))
        .isEqualTo(
            new FetchItem.Section(
                false,
                List.of(2),
                "MIME",
                List.of(),
                java.util.Optional.empty(),
                0,
                "BODY[2.MIME]"));
    assertThat(((FetchItem.Section) items.get(2)).shown()).isEqualTo("BODY[]<100>");
    assertThat(items.get(3)).isEqualTo(new FetchItem.Plain("RFC822.SIZE"));
    assertThat(FetchItem.parse(new Atom("FAST")))
        .containsExactly(
            new FetchItem.Plain("FLAGS"),
            new FetchItem.Plain("INTERNALDATE"),
            new FetchItem.Plain("RFC822.SIZE"));
    assertThatThrownBy(() -> FetchItem.parse(new Atom("BINARY[1]")))
        .hasMessage("the bridge does not know the FETCH item BINARY[1]");
    assertThatThrownBy(() -> FetchItem.parse(new Atom("BODY[MIME]")))
        .hasMessage("'MIME' is not a section the bridge knows");
  }
}
