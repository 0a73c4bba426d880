package org.keymail.server.webmail.compose;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the writer typed and chose, as the form sends it and shows it again.
 *
 * @param to the To field as typed
 * @param cc the Cc field as typed
 * @param bcc the Bcc field as typed (envelope only: never written into a sent message)
 * @param subject the subject
 * @param body the plain text
 * @param sign whether the message is signed
 * @param encrypt whether the message is encrypted
 * @param kept the ids of the attachments kept for this message
 * @param draft the Drafts UID this message was opened from, replaced when saved and deleted when
 *     sent
 * @param inReplyTo the Message-ID answered, for a reply
 * @param references the thread's Message-IDs, for a reply
 */
record ComposeForm(
    String to,
    String cc,
    String bcc,
    String subject,
    String body,
    boolean sign,
    boolean encrypt,
    List<String> kept,
    Optional<Long> draft,
    String inReplyTo,
    String references) {

  /**
   * The text as the page writes it into its {@code <textarea>}: an HTML parser drops a line break
   * right after that tag, so one is written first; otherwise a text that starts with an empty line
   * (a reply, a forward) would lose it each time the form is shown.
   */
  public String bodyInTextarea() {
    return "\n" + body;
  }

  ComposeForm {
    to = Objects.requireNonNullElse(to, "");
    cc = Objects.requireNonNullElse(cc, "");
    bcc = Objects.requireNonNullElse(bcc, "");
    subject = Objects.requireNonNullElse(subject, "");
    body = Objects.requireNonNullElse(body, "");
    kept = List.copyOf(kept);
    Objects.requireNonNull(draft, "draft");
    inReplyTo = Objects.requireNonNullElse(inReplyTo, "");
    references = Objects.requireNonNullElse(references, "");
  }

  /** An empty message with the switches preset. */
  static ComposeForm empty(boolean sign, boolean encrypt) {
    return new ComposeForm("", "", "", "", "", sign, encrypt, List.of(), Optional.empty(), "", "");
  }

  ComposeForm withKept(List<String> ids) {
    return new ComposeForm(
        to, cc, bcc, subject, body, sign, encrypt, ids, draft, inReplyTo, references);
  }

  ComposeForm withDraft(Optional<Long> uid) {
    return new ComposeForm(
        to, cc, bcc, subject, body, sign, encrypt, kept, uid, inReplyTo, references);
  }
}
