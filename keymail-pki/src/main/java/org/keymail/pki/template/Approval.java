package org.keymail.pki.template;

/** Who approves a request for a template's certificate. */
public enum Approval {
  /** Issued as soon as the request passes its checks. */
  AUTOMATIC,
  /** Waits as "pending" until an administrator approves or denies it. */
  ADMINISTRATOR
}
