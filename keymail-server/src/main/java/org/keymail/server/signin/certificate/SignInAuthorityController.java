package org.keymail.server.signin.certificate;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.trust.ThirdPartyRoot;
import org.keymail.pki.trust.TrustRootStore;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.signin.UnlockedUser;
import org.keymail.server.web.BadRequestException;
import org.keymail.server.web.ClientAddress;
import org.keymail.smime.CertificateFingerprint;
import org.keymail.smime.CertificateNames;
import org.keymail.vault.audit.Administrator;
import org.keymail.vault.signin.SignInAuthorityList;
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

  private final SignInAuthorityList listed;
  private final TrustRootStore trustedRoots;
  private final CertificateAuthority authority;

  SignInAuthorityController(
      SignInAuthorityList listed, TrustRootStore trustedRoots, CertificateAuthority authority) {
    this.listed = listed;
    this.trustedRoots = trustedRoots;
    this.authority = authority;
  }

  /**
   * A certificate authority that signs people in.
   *
   * @param source {@code ORGANISATION} (always) or {@code LISTED}
   * @param trusted whether it is still among the trusted roots (a listed root taken out of them
   *     signs no one in until imported again)
   */
  public record SignInAuthority(
      String subject, String sha256, String source, boolean trusted, Instant listedAt) {}

  @GetMapping
  List<SignInAuthority> list() {
    List<SignInAuthority> all = new ArrayList<>();
    all.add(
        new SignInAuthority(
            CertificateNames.subject(authority.root()),
            CertificateFingerprint.hex(authority.root()),
            "ORGANISATION",
            true,
            null));
    for (SignInAuthorityList.Listed each : listed.list()) {
      all.add(
          new SignInAuthority(
              each.subject(),
              each.fingerprint(),
              "LISTED",
              imported(each.fingerprint()).isPresent(),
              each.addedAt()));
    }
    return all;
  }

  @PutMapping("/{sha256}")
  SignInAuthority add(@PathVariable("sha256") String sha256, HttpServletRequest request) {
    String fingerprint = fingerprint(sha256);
    ThirdPartyRoot root =
        imported(fingerprint)
            .orElseThrow(
                () ->
                    new BadRequestException(
                        "No imported trusted root has the SHA-256 "
                            + fingerprint
                            + ": import the CA's root under Trusted roots first."));
    String subject = CertificateNames.subject(root.certificate());
    listed.add(fingerprint, subject, administrator(request));
    return list().stream().filter(a -> a.sha256().equals(fingerprint)).findFirst().orElseThrow();
  }

  @DeleteMapping("/{sha256}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void remove(@PathVariable("sha256") String sha256, HttpServletRequest request) {
    listed.remove(fingerprint(sha256), administrator(request));
  }

  private Optional<ThirdPartyRoot> imported(String fingerprint) {
    return trustedRoots.imported().stream()
        .filter(r -> CertificateFingerprint.hex(r.certificate()).equals(fingerprint))
        .findFirst();
  }

  private static Administrator administrator(HttpServletRequest request) {
    UnlockedUser signedIn = SignedIn.user();
    return new Administrator(signedIn.userId(), signedIn.passkeyId(), ClientAddress.of(request));
  }

  private static String fingerprint(String typed) {
    String hex = typed.strip().replace(":", "").toLowerCase(Locale.ROOT);
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new BadRequestException(
          "'" + typed + "' is not a SHA-256 fingerprint (64 hex digits, colons allowed).");
    }
    return hex;
  }
}
