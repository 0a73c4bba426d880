package org.keymail.server.webmail.compose;

import java.util.List;
import java.util.UUID;

/**
 * A source of addresses to suggest while the writer types a recipient: the organisation's directory
 * here, the writer's contacts where a bean offers them. Suggesting needs no PassKey.
 */
public interface AddressBook {

  /**
   * People whose address or name contains {@code text}, as user {@code userId} may see them.
   *
   * @param limit at most this many
   */
  List<Suggestion> suggest(UUID userId, String text, int limit);

  /**
   * An address to offer.
   *
   * @param email the address
   * @param name the name to show, or the address
   * @param source where it comes from ("directory", "contacts")
   * @param certificate whether a certificate to encrypt to is known
   */
  record Suggestion(String email, String name, String source, boolean certificate) {}
}
