package org.keymail.server.webmail.contacts;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.keymail.server.webmail.RecipientCertificates;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.encrypt.EncryptionRecipient;
import org.keymail.smime.encrypt.SmimeCapabilities;
import org.keymail.smime.verdict.SignerIdentity;
import org.keymail.smime.verdict.Verdict;
import org.keymail.smime.verdict.VerdictStatus;
import org.keymail.vault.contacts.Contact;
import org.keymail.vault.contacts.ContactSource;
import org.keymail.vault.contacts.Contacts;
import org.keymail.vault.store.VaultDatabase;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * A user's contacts as the webmail keeps them: from a signature's verdict (never an invalid one),
 * for every address the signer's certificate names, with the S/MIME capabilities the signature
 * announced. Also where writing finds contacts' certificates.
 */
@Component
public class ContactBook implements RecipientCertificates {

  private final Contacts contacts;

  ContactBook(VaultDatabase database, @Qualifier("keymailClock") Clock clock) {
    this.contacts = new Contacts(database, clock);
  }

  /**
   * Keeps the signer of {@code verdict} among {@code userId}'s contacts, once per address of its
   * certificate; nothing when the signature is not valid or carried no certificate. The From's
   * display name is taken only for the certificate's address that From names: anyone can write a
   * name into a From, and a message signed by Alice but "From: The Boss" must not rename her.
   *
   * @param fromAddress the message's From address, when it has one
   * @param fromName the From's display name, when it gave one
   * @return the addresses kept
   */
  public List<EmailAddress> keep(
      UUID userId,
      Verdict verdict,
      Optional<String> fromAddress,
      Optional<String> fromName,
      ContactSource source) {
    if (verdict.status() == VerdictStatus.INVALID || verdict.signer().isEmpty()) {
      return List.of();
    }
    X509Certificate certificate = verdict.signer().get();
    Optional<byte[]> capabilities = capabilities(verdict);
    Optional<EmailAddress> from = fromAddress.flatMap(a -> EmailAddress.read(a).address());
    for (EmailAddress address : verdict.signedBy()) {
      String name = from.filter(address::equals).flatMap(f -> fromName).orElse("");
      contacts.keep(userId, address, name, certificate, capabilities, source);
    }
    return verdict.signedBy();
  }

  /**
   * Keeps {@code certificate}, which signed a message the user's own client verified, among {@code
   * userId}'s contacts as the user's choice, by the rule of {@link #keep}: once per address of the
   * certificate, the From's display name only for the certificate's address that From names.
   *
   * @return the contacts as they now stand, one per address of the certificate
   * @throws ContactProblem when the certificate is a CA's or names no usable e-mail address
   */
  public List<Contact> add(
      UUID userId,
      X509Certificate certificate,
      Optional<String> fromAddress,
      Optional<String> fromName)
      throws ContactProblem {
    List<EmailAddress> addresses = SignerIdentity.emailAddresses(certificate);
    // A CA certificate signs certificates, not mail: nobody could read what is encrypted to it.
    if (certificate.getBasicConstraints() >= 0 || addresses.isEmpty()) {
      throw new ContactProblem(
          ContactProblem.Kind.NOT_A_PERSONS_CERTIFICATE,
          certificate.getBasicConstraints() >= 0
              ? "The certificate is a certificate authority's, not a person's."
              : "The certificate names no e-mail address, so it cannot be a contact.");
    }
    Optional<EmailAddress> from = fromAddress.flatMap(a -> EmailAddress.read(a).address());
    List<Contact> kept = new ArrayList<>();
    for (EmailAddress address : addresses) {
      String name = from.filter(address::equals).flatMap(f -> fromName).orElse("");
      kept.add(
          contacts.keep(userId, address, name, certificate, Optional.empty(), ContactSource.ADDED));
    }
    return kept;
  }

  /**
   * Removes every contact of {@code userId} for {@code address} (in any case, as keymail compares
   * addresses); how many there were.
   */
  public int remove(UUID userId, EmailAddress address) {
    int removed = 0;
    for (Contact contact : contacts.list(userId)) {
      if (contact.address().equals(address) && contacts.remove(userId, contact.id())) {
        removed++;
      }
    }
    return removed;
  }

  /** Every contact of {@code userId}. */
  public List<Contact> list(UUID userId) {
    return contacts.list(userId);
  }

  /** Contact {@code id} of {@code userId}. */
  public Optional<Contact> get(UUID userId, UUID id) {
    return contacts.get(userId, id);
  }

  /** Removes contact {@code id} of {@code userId}. */
  public boolean remove(UUID userId, UUID id) {
    return contacts.remove(userId, id);
  }

  /** Each contact's certificate, with the capabilities their last signed message announced. */
  @Override
  public List<EncryptionRecipient> of(UUID userId, EmailAddress recipient) {
    return contacts.of(userId, recipient).stream()
        .map(c -> new EncryptionRecipient(c.certificate(), capabilities(c)))
        .toList();
  }

  private static SmimeCapabilities capabilities(Contact contact) {
    if (contact.capabilities().isEmpty()) {
      return SmimeCapabilities.unknown();
    }
    try {
      return SmimeCapabilities.from(
          new AttributeTable(Attribute.getInstance(contact.capabilities().get())));
    } catch (IllegalArgumentException garbled) {
      return SmimeCapabilities.unknown();
    }
  }

  private static Optional<byte[]> capabilities(Verdict verdict) {
    if (!verdict.capabilities().isKnown()) {
      return Optional.empty();
    }
    try {
      return Optional.of(verdict.capabilities().toAttribute().getEncoded());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
