package org.keymail.server.webmail.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.keymail.smime.address.EmailAddress;

/**
 * A posted message's header section: fields and their continuation lines, the envelope from To, Cc
 * and Bcc, every Bcc field left out (folded or not, any case), the body byte for byte, and each
 * thing that is not a message named.
 */
class OutgoingMessageTest {

  @Test
  void bccFieldsAreLeftOutAndTheRestIsKeptByteForByte() throws Exception {
    String message =
        "From: alice@example.org\r\n"
            + "To: Bob <bob@example.org>,\r\n"
            + "  carol@example.org\r\n"
            + "bcc: dave@example.org,\r\n"
            + "\terin@example.org\r\n"
            + "Cc: team: frank@example.org;\r\n"
            + "BCC: gina@example.org\r\n"
            + "Subject: Hello\r\n"
            + "\r\n"
            + "Body line\r\nBcc: not a field here\r\n\r\nend";
    try (OutgoingMessage outgoing = receive(message)) {
      assertThat(outgoing.recipients())
          .extracting(EmailAddress::toString)
          .containsExactly(
              "bob@example.org",
              "carol@example.org",
              "dave@example.org",
              "erin@example.org",
              "frank@example.org",
              "gina@example.org");
      assertThat(Files.readString(outgoing.file(), StandardCharsets.UTF_8))
          .isEqualTo(
              "From: alice@example.org\r\n"
                  + "To: Bob <bob@example.org>,\r\n"
                  + "  carol@example.org\r\n"
                  + "Cc: team: frank@example.org;\r\n"
                  + "Subject: Hello\r\n"
                  + "\r\n"
                  + "Body line\r\nBcc: not a field here\r\n\r\nend");
    }
  }

  @Test
  void bareLineFeedsAndNoBodyAreAMessageToo() throws Exception {
    try (OutgoingMessage outgoing = receive("From: a@example.org\nTo: b@example.org\n")) {
      assertThat(outgoing.recipients())
          .extracting(EmailAddress::toString)
          .containsExactly("b@example.org");
    }
  }

  @Test
  void whatIsNotAMessageIsNamed() {
    assertRefused(
        "\r\nHello",
        MailApiProblem.Kind.NOT_A_MESSAGE,
        "Not a message: the body sent has no header fields (From, To, Subject, ...).");
    assertRefused(
        " folded\r\nFrom: a@example.org\r\n\r\n",
        MailApiProblem.Kind.NOT_A_MESSAGE,
        "Not a message: line 1 continues a header field that does not start.");
    assertRefused(
        "From: a@example.org\r\nTo: b@example.org\r\nnot a field\r\n\r\n",
        MailApiProblem.Kind.NOT_A_MESSAGE,
        "Not a message: line 3 is neither a header field nor the blank line that ends the header"
            + " section.");
    assertRefused(
        "From: a@example.org\r\nSubject: x\r\n\r\n",
        MailApiProblem.Kind.NO_RECIPIENTS,
        "The message names no recipient: give at least one To, Cc or Bcc.");
    assertRefused(
        "From: a@example.org\r\nCc: someone\r\n\r\n",
        MailApiProblem.Kind.BAD_ADDRESS,
        "The Cc field cannot be read as addresses: 'someone'.");
  }

  private static void assertRefused(String message, MailApiProblem.Kind kind, String sentence) {
    assertThatThrownBy(() -> receive(message).close())
        .isInstanceOfSatisfying(
            MailApiProblem.class, problem -> assertThat(problem.kind()).isEqualTo(kind))
        .hasMessage(sentence);
  }

  private static OutgoingMessage receive(String message) throws Exception {
    return OutgoingMessage.receive(
        new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
  }
}
