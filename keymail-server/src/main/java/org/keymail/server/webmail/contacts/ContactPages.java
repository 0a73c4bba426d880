package org.keymail.server.webmail.contacts;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.keymail.server.signin.SignedIn;
import org.keymail.smime.CertificateFingerprint;
import org.keymail.smime.CertificateNames;
import org.keymail.vault.contacts.Contact;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ContentDisposition;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The contacts page: the certificates the user keeps, each viewable (subject, issuer, validity,
 * fingerprint), downloadable as PEM and removable.
 */
@Controller
class ContactPages {

  static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final ContactBook contacts;
  private final Clock clock;

  ContactPages(ContactBook contacts, @Qualifier("keymailClock") Clock clock) {
    this.contacts = contacts;
    this.clock = clock;
  }

  @GetMapping("/mail/contacts")
  String list(Model model) {
    Instant now = clock.instant();
    model.addAttribute(
        "contacts",
        contacts.list(SignedIn.user().userId()).stream().map(c -> ContactView.of(c, now)).toList());
    return "mail-contacts";
  }

  @GetMapping("/mail/contacts/{id}")
  String view(@PathVariable("id") String id, Model model) {
    Optional<Contact> contact = find(id);
    if (contact.isEmpty()) {
      model.addAttribute("problem", "There is no such contact; it may have been removed.");
      model.addAttribute("contacts", java.util.List.of());
      return "mail-contacts";
    }
    model.addAttribute("contact", ContactView.of(contact.get(), clock.instant()));
    return "mail-contact";
  }

  @GetMapping("/mail/contacts/{id}/certificate.pem")
  String pem(
      @PathVariable("id") String id, HttpServletResponse response, RedirectAttributes redirect)
      throws IOException {
    Optional<Contact> contact = find(id);
    if (contact.isEmpty()) {
      redirect.addFlashAttribute("problem", "There is no such contact; it may have been removed.");
      return "redirect:/mail/contacts";
    }
    String pem;
    try {
      pem =
          "-----BEGIN CERTIFICATE-----\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'})
                  .encodeToString(contact.get().certificate().getEncoded())
              + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      redirect.addFlashAttribute("problem", "This certificate cannot be written out.");
      return "redirect:/mail/contacts";
    }
    response.setContentType("application/x-pem-file");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader(
        "Content-Disposition",
        ContentDisposition.attachment()
            .filename(contact.get().address().ascii() + ".pem", StandardCharsets.UTF_8)
            .build()
            .toString());
    response.getOutputStream().write(pem.getBytes(StandardCharsets.US_ASCII));
    return null;
  }

  @PostMapping("/mail/contacts/{id}/remove")
  String remove(@PathVariable("id") String id, RedirectAttributes redirect) {
    Optional<Contact> contact = find(id);
    if (contact.isPresent() && contacts.remove(SignedIn.user().userId(), contact.get().id())) {
      redirect.addFlashAttribute(
          "notice", contact.get().address().unicode() + " was removed from your contacts.");
    } else {
      redirect.addFlashAttribute("problem", "There is no such contact; it may have been removed.");
    }
    return "redirect:/mail/contacts";
  }

  private Optional<Contact> find(String id) {
    try {
      return contacts.get(SignedIn.user().userId(), UUID.fromString(id.strip()));
    } catch (IllegalArgumentException notAnId) {
      return Optional.empty();
    }
  }

  /** A contact as the pages show it. */
  record ContactView(
      UUID id,
      String address,
      String name,
      String source,
      String subject,
      String issuer,
      String validFrom,
      String validUntil,
      boolean validNow,
      String serial,
      String fingerprint,
      String updated) {
    static ContactView of(Contact c, Instant now) {
      Instant from = c.certificate().getNotBefore().toInstant();
      Instant until = c.certificate().getNotAfter().toInstant();
      return new ContactView(
          c.id(),
          c.address().unicode(),
          c.displayName(),
          c.source().word(),
          CertificateNames.subject(c.certificate()),
          CertificateNames.issuer(c.certificate()),
          DATE.format(from) + " UTC",
          DATE.format(until) + " UTC",
          !now.isBefore(from) && !now.isAfter(until),
          c.certificate().getSerialNumber().toString(16),
          CertificateFingerprint.readable(c.certificate()),
          DATE.format(c.updatedAt()) + " UTC");
    }
  }
}
