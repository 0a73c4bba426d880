package org.keymail.pki.request;

/** Where a certificate request stands. */
public enum RequestStatus {
  /** Waiting for an administrator. */
  PENDING,
  /** A certificate was issued for it. */
  ISSUED,
  /** An administrator denied it, with a reason. */
  DENIED
}
