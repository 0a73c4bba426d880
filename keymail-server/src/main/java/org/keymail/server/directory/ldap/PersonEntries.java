package org.keymail.server.directory.ldap;

import com.unboundid.ldap.sdk.Entry;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.keymail.server.directory.Directory;

/**
 * Turns a person of the directory into their LDAP entry ({@code inetOrgPerson}, RFC 2798): their
 * names and address, and each of their certificates that is valid and not revoked as {@code
 * userCertificate;binary} (what Thunderbird reads) and as a certs-only {@code userSMIMECertificate}
 * (what Outlook reads). Someone with no such certificate has no entry: an address book must never
 * offer a revoked or expired certificate for encryption.
 */
final class PersonEntries {

  private final DirectoryTree tree;
  private final X509Certificate issuing;

  PersonEntries(DirectoryTree tree, X509Certificate issuing) {
    this.tree = tree;
    this.issuing = issuing;
  }

  /** {@code person}'s entry, when they have a certificate to serve. */
  Optional<Entry> of(Directory.Entry person) {
    List<X509Certificate> valid =
        person.certificates().stream()
            .filter(c -> c.revokedAt().isEmpty())
            .map(Directory.Listed::certificate)
            .toList();
    if (valid.isEmpty()) {
      return Optional.empty();
    }
    Entry entry = new Entry(tree.personDn(person.email()));
    entry.addAttribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson");
    String name =
        person.displayName() == null || person.displayName().isBlank()
            ? person.email()
            : person.displayName().strip();
    entry.addAttribute("mail", person.email());
    entry.addAttribute("cn", name);
    entry.addAttribute("displayName", name);
    int lastSpace = name.lastIndexOf(' ');
    // person requires sn; a one-word name is the surname, as address books then show it whole.
    entry.addAttribute("sn", lastSpace < 0 ? name : name.substring(lastSpace + 1));
    if (lastSpace > 0) {
      entry.addAttribute("givenName", name.substring(0, lastSpace).strip());
    }
    entry.addAttribute(
        "userCertificate;binary", valid.stream().map(PersonEntries::der).toArray(byte[][]::new));
    entry.addAttribute(
        "userSMIMECertificate",
        valid.stream().map(c -> CertsOnly.of(List.of(c, issuing))).toArray(byte[][]::new));
    return Optional.of(entry);
  }

  private static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a certificate of the CA could not be encoded", e);
    }
  }
}
