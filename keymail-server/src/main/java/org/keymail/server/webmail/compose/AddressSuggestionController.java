package org.keymail.server.webmail.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.webmail.compose.AddressBook.Suggestion;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/mail/addresses?q=TEXT}: addresses to suggest while a recipient is typed, from
 * every {@link AddressBook} (the directory, the writer's contacts), at most {@value #LIMIT}, one
 * per address (the directory's entry when both know it). Works while the keys are locked.
 */
@RestController
class AddressSuggestionController {

  static final int LIMIT = 10;

  private static final String DIRECTORY = "directory";

  private final List<AddressBook> books;

  AddressSuggestionController(List<AddressBook> books) {
    this.books = List.copyOf(books);
  }

  @GetMapping("/api/v1/mail/addresses")
  List<Suggestion> suggest(@RequestParam(name = "q", defaultValue = "") String text) {
    String typed = text.strip();
    if (typed.length() < 2 || typed.length() > 254) {
      return List.of();
    }
    Map<String, Suggestion> found = new LinkedHashMap<>();
    for (AddressBook book : books) {
      for (Suggestion suggestion : book.suggest(SignedIn.user().userId(), typed, LIMIT)) {
        found.merge(
            suggestion.email().toLowerCase(Locale.ROOT),
            suggestion,
            AddressSuggestionController::once);
      }
    }
    return new ArrayList<>(found.values()).subList(0, Math.min(LIMIT, found.size()));
  }

  /**
   * One address offered by two books: the directory's entry (the organisation's name for a
   * coworker) over a contact's, with a certificate when either knows one, since sending asks both.
   */
  private static Suggestion once(Suggestion first, Suggestion second) {
    Suggestion kept =
        DIRECTORY.equals(second.source()) && !DIRECTORY.equals(first.source()) ? second : first;
    return new Suggestion(
        kept.email(), kept.name(), kept.source(), first.certificate() || second.certificate());
  }
}
