package org.keymail.vault.audit;

/** How an audited operation ended. */
public enum AuditResult {
  SUCCESS,
  FAILURE,
  DENIED
}
