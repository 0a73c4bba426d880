package org.keymail.server.admin.console;

import java.util.List;
import org.keymail.vault.passkey.AcceptedAuthenticators;
import org.keymail.vault.passkey.FidoMetadata;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the accepted authenticator models and the FIDO metadata BLOB on the policies page, beside
 * the other policies.
 */
@ControllerAdvice(assignableTypes = PolicyPages.class)
class AcceptedAuthenticatorsModel {

  private final AcceptedAuthenticators accepted;
  private final FidoMetadata metadata;

  AcceptedAuthenticatorsModel(AcceptedAuthenticators accepted, FidoMetadata metadata) {
    this.accepted = accepted;
    this.metadata = metadata;
  }

  @ModelAttribute("authenticators")
  List<AcceptedAuthenticators.Accepted> authenticators() {
    return accepted.list();
  }

  /** The FIDO metadata BLOB uploaded, if any: its serial number, next update and entries. */
  @ModelAttribute("metadataBlob")
  FidoMetadata.Blob metadataBlob() {
    return metadata.current().orElse(null);
  }
}
