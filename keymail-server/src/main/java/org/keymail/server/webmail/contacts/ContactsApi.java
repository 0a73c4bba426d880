package org.keymail.server.webmail.contacts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.server.signin.SignedIn;
import org.keymail.smime.CertificateFingerprint;
import org.keymail.smime.CertificateNames;
import org.keymail.smime.address.AddressReading;
import org.keymail.smime.address.EmailAddress;
import org.keymail.vault.contacts.Contact;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The contacts API, as {@code keymail contacts} uses it: {@code GET /api/v1/contacts} (every
 * contact of the signed-in user), {@code POST /api/v1/contacts} (keeps the signer's certificate of
 * a message the client verified, with the message's From, by the webmail's rule: every address of
 * the certificate, the From's name only for the address From names) and {@code DELETE
 * /api/v1/contacts/{address}} (every certificate kept for that address).
 *
 * <p>The client verifies the signature, as it decrypts the message, on its own computer; the server
 * never sees the message. What it refuses here is what could never be a contact: no certificate, a
 * CA's, or one that names no e-mail address.
 */
@RestController
@RequestMapping("/api/v1/contacts")
class ContactsApi {

  private final ContactBook contacts;

  ContactsApi(ContactBook contacts) {
    this.contacts = contacts;
  }

  /**
   * A signer to keep.
   *
   * @param certificate the signer's certificate, PEM
   * @param fromAddress the signed message's From address, when it had one
   * @param fromName the From's display name, when it gave one
   */
  record AddContact(@NotBlank String certificate, String fromAddress, String fromName) {}

  /** A contact: one certificate kept for one address. */
  record ContactJson(
      UUID id,
      String address,
      String name,
      String source,
      String subject,
      String issuer,
      String serial,
      String fingerprint,
      Instant validFrom,
      Instant validUntil,
      Instant addedAt,
      Instant updatedAt,
      String certificate) {

    static ContactJson of(Contact c) {
      X509Certificate certificate = c.certificate();
      return new ContactJson(
          c.id(),
          c.address().unicode(),
          c.displayName(),
          c.source().word(),
          CertificateNames.subject(certificate),
          CertificateNames.issuer(certificate),
          certificate.getSerialNumber().toString(16),
          CertificateFingerprint.hex(certificate),
          certificate.getNotBefore().toInstant(),
          certificate.getNotAfter().toInstant(),
          c.addedAt(),
          c.updatedAt(),
          CertificateAuthority.pem(certificate));
    }
  }

  @GetMapping
  List<ContactJson> list() {
    return contacts.list(SignedIn.user().userId()).stream().map(ContactJson::of).toList();
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  List<ContactJson> add(@Valid @RequestBody AddContact add) throws ContactProblem {
    X509Certificate certificate = parse(add.certificate());
    return contacts
        .add(
            SignedIn.user().userId(),
            certificate,
            Optional.ofNullable(add.fromAddress()).filter(a -> !a.isBlank()),
            Optional.ofNullable(add.fromName()).filter(n -> !n.isBlank()))
        .stream()
        .map(ContactJson::of)
        .toList();
  }

  @DeleteMapping("/{address}")
  ResponseEntity<Void> remove(@PathVariable("address") String text) throws ContactProblem {
    if (!(EmailAddress.read(text.strip()) instanceof AddressReading.Usable usable)) {
      throw new ContactProblem(
          ContactProblem.Kind.BAD_ADDRESS, "\"" + text + "\" is not an e-mail address.");
    }
    if (contacts.remove(SignedIn.user().userId(), usable.email()) == 0) {
      throw new ContactProblem(
          ContactProblem.Kind.NOT_FOUND,
          "You keep no contact for " + usable.email().unicode() + ".");
    }
    return ResponseEntity.noContent().build();
  }

  private static X509Certificate parse(String pem) throws ContactProblem {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException | RuntimeException e) {
      // The JDK's parser reports some malformed input (bad base64, bad DER) unchecked.
      throw new ContactProblem(
          ContactProblem.Kind.NOT_A_CERTIFICATE,
          "'certificate' is not an X.509 certificate in PEM.",
          e);
    }
  }
}
