package org.keymail.server.webmail.compose;

import java.util.List;
import java.util.UUID;
import org.keymail.server.directory.Directory;
import org.springframework.stereotype.Component;

/** Suggests coworkers from the organisation's directory (those with a certificate listed). */
@Component
class DirectoryAddressBook implements AddressBook {

  private final Directory directory;

  DirectoryAddressBook(Directory directory) {
    this.directory = directory;
  }

  @Override
  public List<Suggestion> suggest(UUID userId, String text, int limit) {
    return directory.search(text).stream()
        .limit(limit)
        .map(
            entry ->
                new Suggestion(
                    entry.email(),
                    entry.displayName() == null || entry.displayName().isBlank()
                        ? entry.email()
                        : entry.displayName(),
                    "directory",
                    entry.certificates().stream().anyMatch(c -> c.revokedAt().isEmpty())))
        .toList();
  }
}
