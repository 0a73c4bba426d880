package org.keymail.server.directory.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.address.InvalidEmailAddressException;

/**
 * The shape of the directory over LDAP: one base entry (the naming context the root DSE names) and
 * under it one entry per person, {@code mail=alice@example.org,<base>}. A bind names a person by
 * that DN, by {@code uid=alice@example.org,<base>}, or by the bare address (as Outlook's "user
 * name" field sends it).
 *
 * @param base the base DN
 */
public record DirectoryTree(DN base) {

  public DirectoryTree {
    Objects.requireNonNull(base, "base");
    if (base.isNullDN()) {
      throw new IllegalArgumentException("the directory's base DN cannot be empty");
    }
  }

  /**
   * The tree under {@code configured} when set, else {@code ou=people} under the {@code dc=} parts
   * of {@code organisationAddress}'s domain.
   *
   * @throws IllegalArgumentException when {@code configured} is not a DN
   */
  static DirectoryTree of(Optional<String> configured, String organisationAddress) {
    if (configured.isPresent()) {
      try {
        return new DirectoryTree(new DN(configured.get()));
      } catch (LDAPException e) {
        throw new IllegalArgumentException(
            "keymail.directory.ldap.base-dn is not a DN: " + configured.get(), e);
      }
    }
    String domain = organisationAddress.substring(organisationAddress.lastIndexOf('@') + 1);
    List<RDN> parts = new ArrayList<>();
    parts.add(new RDN("ou", "people"));
    for (String label : domain.toLowerCase(Locale.ROOT).split("\\.")) {
      if (!label.isEmpty()) {
        parts.add(new RDN("dc", label));
      }
    }
    return new DirectoryTree(new DN(parts));
  }

  /** The DN of the person with address {@code email}. */
  public DN personDn(String email) {
    return new DN(new RDN("mail", email), base);
  }

  /** The base DN as people write it. */
  @Override
  public String toString() {
    return base.toString();
  }

  /**
   * The address a bind names: the {@code mail=} or {@code uid=} entry right under the base, or a
   * bare address; empty for anything else.
   */
  Optional<String> addressOf(String bindName) {
    String named = bindName.strip();
    if (!named.contains("=")) {
      return address(named);
    }
    DN dn;
    try {
      dn = new DN(named);
    } catch (LDAPException notADn) {
      return Optional.empty();
    }
    if (!base.equals(dn.getParent())) {
      return Optional.empty();
    }
    RDN rdn = dn.getRDN();
    if (rdn.getAttributeNames().length != 1) {
      return Optional.empty();
    }
    String attribute = rdn.getAttributeNames()[0].toLowerCase(Locale.ROOT);
    if (!attribute.equals("mail") && !attribute.equals("uid")) {
      return Optional.empty();
    }
    return address(rdn.getAttributeValues()[0]);
  }

  /** Whether {@code dn} is the base or a person under it. */
  boolean holds(DN dn) {
    return dn.equals(base) || base.equals(dn.getParent());
  }

  /** The base entry itself: an organisational unit, domain or organisation by its RDN. */
  Entry baseEntry() {
    Entry entry = new Entry(base);
    RDN rdn = base.getRDN();
    String attribute = rdn.getAttributeNames()[0].toLowerCase(Locale.ROOT);
    entry.addAttribute("objectClass", "top");
    entry.addAttribute(
        "objectClass",
        switch (attribute) {
          case "ou" -> "organizationalUnit";
          case "dc" -> "domain";
          case "o" -> "organization";
          default -> "extensibleObject";
        });
    entry.addAttribute(rdn.getAttributeNames()[0], rdn.getAttributeValues()[0]);
    return entry;
  }

  /** The root DSE: where address books find the naming context to search under. */
  Entry rootDse() {
    Entry entry = new Entry(DN.NULL_DN);
    entry.addAttribute("objectClass", "top");
    entry.addAttribute("namingContexts", base.toString());
    entry.addAttribute("supportedLDAPVersion", "3");
    entry.addAttribute("vendorName", "keymail");
    return entry;
  }

  private static Optional<String> address(String text) {
    try {
      return Optional.of(EmailAddress.parse(text.strip()).lookupKey());
    } catch (InvalidEmailAddressException notAnAddress) {
      return Optional.empty();
    }
  }
}
