package org.keymail.server.signin.certificate;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.signin.UnlockedUser;
import org.keymail.server.signin.certificate.SignInAuthorityListing.SignInAuthority;
import org.keymail.server.web.ClientAddress;
import org.keymail.vault.audit.Administrator;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/admin/signin-authorities}: the certificate authorities whose certificates sign
 * people in. The organisation's CA always does; an administrator lists imported trusted roots
 * besides it by their SHA-256 ({@code PUT /{sha256}}) and takes them off again ({@code DELETE}),
 * each change audited as {@code SIGNIN_CA_CHANGE}. Administrators only (the security chain).
 */
@RestController
@RequestMapping("/api/v1/admin/signin-authorities")
class SignInAuthorityController {

  private final SignInAuthorityListing listing;

  SignInAuthorityController(SignInAuthorityListing listing) {
    this.listing = listing;
  }

  @GetMapping
  List<SignInAuthority> list() {
    return listing.list();
  }

  @PutMapping("/{sha256}")
  SignInAuthority add(@PathVariable("sha256") String sha256, HttpServletRequest request) {
    return listing.allow(sha256, administrator(request));
  }

  @DeleteMapping("/{sha256}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void remove(@PathVariable("sha256") String sha256, HttpServletRequest request) {
    listing.stopAllowing(sha256, administrator(request));
  }

  private static Administrator administrator(HttpServletRequest request) {
    UnlockedUser signedIn = SignedIn.user();
    return new Administrator(signedIn.userId(), signedIn.passkeyId(), ClientAddress.of(request));
  }
}
