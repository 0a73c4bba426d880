package org.keymail.cli.mail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.keymail.cli.client.KeymailApi;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.verdict.Verdict;

/**
 * What {@code keymail mail read --json} prints for scripts: the header fields, whether the message
 * was signed and encrypted, the verdict (status, summary, who signed), the text and the attachments
 * (with the file each was saved as).
 */
final class ReadingJson {

  private ReadingJson() {}

  static ObjectNode of(
      String folder,
      long uid,
      ReadableMessage message,
      ReadResult result,
      List<Optional<Path>> savedAs) {
    ObjectNode json = KeymailApi.object();
    json.put("folder", folder);
    json.put("uid", uid);
    ArrayNode fields = json.putArray("fields");
    message.fields().forEach(f -> fields.addObject().put("name", f.name()).put("value", f.value()));
    json.put("signed", result.isSigned());
    json.put("encrypted", result.isEncrypted());
    Optional<Verdict> verdict = result.verdict();
    if (verdict.isPresent()) {
      ObjectNode v = json.putObject("verdict");
      v.put("status", verdict.get().status().name());
      v.put("summary", verdict.get().summary());
      v.put("signedBy", verdict.get().signerName());
    } else {
      json.putNull("verdict");
    }
    if (message.text().isPresent()) {
      json.put("text", message.text().get());
    } else {
      json.putNull("text");
    }
    ArrayNode attachments = json.putArray("attachments");
    for (int i = 0; i < message.attachments().size(); i++) {
      ReadableMessage.Attachment a = message.attachments().get(i);
      ObjectNode one = attachments.addObject();
      one.put("name", a.name().orElse(null));
      one.put("type", a.type());
      one.put("size", a.content().length);
      one.put("savedAs", savedAs.get(i).map(Path::toString).orElse(null));
    }
    return json;
  }
}
