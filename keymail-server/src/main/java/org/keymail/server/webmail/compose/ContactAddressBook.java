package org.keymail.server.webmail.compose;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.keymail.server.webmail.contacts.ContactBook;
import org.keymail.smime.select.Audience;
import org.keymail.smime.select.Candidate;
import org.keymail.smime.select.CertificateSelector;
import org.keymail.smime.select.NoUsableCertificateException;
import org.keymail.smime.select.Purpose;
import org.keymail.vault.contacts.Contact;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Suggests the writer's own contacts (people whose signed mail brought their certificates), once
 * per address. A contact "has a certificate" when one of its certificates would be picked for
 * encryption now, by the same rules sending applies; an expired one does not count.
 */
@Component
class ContactAddressBook implements AddressBook {

  private final ContactBook contacts;
  private final Clock clock;

  ContactAddressBook(ContactBook contacts, @Qualifier("keymailClock") Clock clock) {
    this.contacts = contacts;
    this.clock = clock;
  }

  @Override
  public List<Suggestion> suggest(UUID userId, String text, int limit) {
    String typed = text.toLowerCase(Locale.ROOT);
    Map<String, List<Contact>> byAddress = new LinkedHashMap<>();
    for (Contact contact : contacts.list(userId)) {
      String address = contact.address().toString();
      if (address.toLowerCase(Locale.ROOT).contains(typed)
          || contact.displayName().toLowerCase(Locale.ROOT).contains(typed)) {
        byAddress.computeIfAbsent(address, a -> new ArrayList<>()).add(contact);
      }
    }
    return byAddress.entrySet().stream()
        .limit(limit)
        .map(e -> suggestion(e.getKey(), e.getValue()))
        .toList();
  }

  private Suggestion suggestion(String address, List<Contact> kept) {
    // The list is newest first per address: its name is the one the latest message gave.
    String name = kept.get(0).displayName();
    return new Suggestion(
        address, name.isBlank() ? address : name, "contacts", usable(address, kept));
  }

  private boolean usable(String address, List<Contact> kept) {
    try {
      new CertificateSelector(clock)
          .select(
              Purpose.ENCRYPTION,
              kept.stream().map(c -> new Candidate(c.certificate(), List.of(), false)).toList(),
              address,
              Audience.INTERNAL);
      return true;
    } catch (NoUsableCertificateException none) {
      return false;
    }
  }
}
