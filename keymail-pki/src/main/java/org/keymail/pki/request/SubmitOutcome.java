package org.keymail.pki.request;

import java.util.UUID;
import org.keymail.pki.issue.IssuedCertificate;

/** What became of a submitted certificate request that passed its checks. */
public sealed interface SubmitOutcome {

  /** The request's id, for "view the status" either way. */
  UUID requestId();

  /** Approved automatically and issued at once. */
  record Issued(UUID requestId, IssuedCertificate certificate) implements SubmitOutcome {}

  /** Waiting for an administrator's approval. */
  record Pending(UUID requestId) implements SubmitOutcome {}
}
