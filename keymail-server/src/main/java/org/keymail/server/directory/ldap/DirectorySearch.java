package org.keymail.server.directory.ldap;

import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.keymail.server.directory.Directory;
import org.keymail.vault.directory.DirectoryCredentials;

/**
 * One search of the directory over LDAP, read from the directory as it stands (so a certificate
 * revoked a moment ago is not served): the root DSE to anyone, everything else only to someone
 * bound whose credential still holds; the entries the filter matches within the base and scope, at
 * most the client's size limit and never more than {@link Directory#LIMIT}, with the attributes it
 * asked for.
 */
final class DirectorySearch {

  /** Sends one entry to the client. */
  @FunctionalInterface
  interface Sink {
    void send(Entry entry) throws LDAPException;
  }

  /**
   * How a search ended.
   *
   * @param result the LDAP result code
   * @param message the diagnostic message, or null
   */
  record Done(ResultCode result, String message) {}

  static final String NOT_HELD =
      "Your directory credential was revoked or your account is disabled; make a new credential on"
          + " your keymail Dashboard.";

  private final DirectoryTree tree;
  private final Directory directory;
  private final PersonEntries entries;
  private final DirectoryCredentials credentials;

  DirectorySearch(
      DirectoryTree tree,
      Directory directory,
      PersonEntries entries,
      DirectoryCredentials credentials) {
    this.tree = tree;
    this.directory = directory;
    this.entries = entries;
    this.credentials = credentials;
  }

  Done run(SearchRequestProtocolOp request, Optional<UUID> bound, Sink sink) {
    DN base;
    try {
      base = new DN(request.getBaseDN());
    } catch (LDAPException e) {
      return new Done(ResultCode.INVALID_DN_SYNTAX, "Not a DN: " + request.getBaseDN());
    }
    Filter filter = request.getFilter();
    if (base.isNullDN() && request.getScope() == SearchScope.BASE) {
      return send(List.of(tree.rootDse()), filter, request, sink);
    }
    if (bound.isEmpty()) {
      return new Done(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, ReadOnlyDirectory.BIND_FIRST);
    }
    if (!credentials.holds(bound.get())) {
      return new Done(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, NOT_HELD);
    }
    if (!tree.holds(base)) {
      return new Done(ResultCode.NO_SUCH_OBJECT, "The directory holds only " + tree + ".");
    }
    SearchScope scope = request.getScope();
    List<Entry> candidates = new ArrayList<>();
    if (base.equals(tree.base())) {
      if (scope == SearchScope.BASE || scope == SearchScope.SUB) {
        candidates.add(tree.baseEntry());
      }
      if (scope != SearchScope.BASE) {
        candidates.addAll(people(SearchHint.of(filter).orElse("")));
      }
    } else {
      String address = base.getRDN().getAttributeValues()[0];
      Optional<Entry> person =
          people(address).stream()
              .filter(e -> e.getAttributeValue("mail").equalsIgnoreCase(address))
              .findFirst();
      if (person.isEmpty()) {
        return new Done(ResultCode.NO_SUCH_OBJECT, "No one in the directory is " + address + ".");
      }
      if (scope == SearchScope.BASE || scope == SearchScope.SUB) {
        candidates.add(person.get());
      }
    }
    return send(candidates, filter, request, sink);
  }

  private List<Entry> people(String text) {
    return directory.search(text).stream().map(entries::of).flatMap(Optional::stream).toList();
  }

  private static Done send(
      List<Entry> candidates, Filter filter, SearchRequestProtocolOp request, Sink sink) {
    int limit =
        request.getSizeLimit() > 0
            ? Math.min(request.getSizeLimit(), Directory.LIMIT)
            : Directory.LIMIT;
    int sent = 0;
    try {
      for (Entry candidate : candidates) {
        if (!filter.matchesEntry(candidate)) {
          continue;
        }
        if (sent == limit) {
          return new Done(
              ResultCode.SIZE_LIMIT_EXCEEDED,
              "More than " + limit + " entries match; narrow the search.");
        }
        sink.send(only(candidate, request.getAttributes(), request.typesOnly()));
        sent++;
      }
    } catch (LDAPException e) {
      return new Done(e.getResultCode(), e.getDiagnosticMessage());
    }
    return new Done(ResultCode.SUCCESS, null);
  }

  /**
   * {@code entry} with only the attributes asked for: all for none or {@code *}, none for {@code
   * 1.1}; a name without options (e.g. {@code userCertificate}) also gets its variants with options
   * ({@code userCertificate;binary}).
   */
  private static Entry only(Entry entry, List<String> asked, boolean typesOnly) {
    Set<String> names =
        asked.stream()
            .map(a -> Attribute.getBaseName(a).toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
    boolean all = names.isEmpty() || names.contains("*");
    Entry chosen = new Entry(entry.getDN());
    for (Attribute attribute : entry.getAttributes()) {
      if (all || names.contains(attribute.getBaseName().toLowerCase(Locale.ROOT))) {
        chosen.addAttribute(typesOnly ? new Attribute(attribute.getName()) : attribute);
      }
    }
    return chosen;
  }
}
