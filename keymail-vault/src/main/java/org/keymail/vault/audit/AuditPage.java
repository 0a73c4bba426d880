package org.keymail.vault.audit;

import java.util.List;
import java.util.OptionalLong;

/**
 * One page of an audit listing, newest first, and the event number the next page starts below (ask
 * again with {@link AuditFilter#olderThan}); empty when this page is the last.
 */
public record AuditPage(List<AuditRecord> records, OptionalLong nextOlderThan) {
  public AuditPage {
    records = List.copyOf(records);
  }
}
