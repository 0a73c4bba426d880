package org.keymail.server.signin.certificate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.trust.ThirdPartyRoot;
import org.keymail.pki.trust.TrustRootStore;
import org.keymail.server.web.BadRequestException;
import org.keymail.smime.CertificateFingerprint;
import org.keymail.smime.CertificateNames;
import org.keymail.vault.audit.Administrator;
import org.keymail.vault.signin.SignInAuthorityList;
import org.springframework.stereotype.Service;

/**
 * Which certificate authorities sign people in, as administrators see and change it (the API and
 * the console's Trusted roots page alike): the organisation's CA always, and the imported trusted
 * roots an administrator listed. Only an imported root can be listed, so that sign-in never trusts
 * a CA the S/MIME verdicts do not; each change is audited as {@code SIGNIN_CA_CHANGE} by {@link
 * SignInAuthorityList}. A refusal is a {@link BadRequestException} whose message says why.
 */
@Service
public class SignInAuthorityListing {

  /**
   * A certificate authority that signs people in.
   *
   * @param source {@code ORGANISATION} (always) or {@code LISTED}
   * @param trusted whether it is still among the trusted roots (a listed root taken out of them
   *     signs no one in until imported again)
   */
  public record SignInAuthority(
      String subject, String sha256, String source, boolean trusted, Instant listedAt) {}

  private final SignInAuthorityList listed;
  private final TrustRootStore trustedRoots;
  private final CertificateAuthority authority;

  SignInAuthorityListing(
      SignInAuthorityList listed, TrustRootStore trustedRoots, CertificateAuthority authority) {
    this.listed = listed;
    this.trustedRoots = trustedRoots;
    this.authority = authority;
  }

  /** The organisation's CA first, then every listed root. */
  public List<SignInAuthority> list() {
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

  /** Lists the imported root of {@code sha256} for sign-in; listing it again changes nothing. */
  public SignInAuthority allow(String sha256, Administrator by) {
    String fingerprint = fingerprint(sha256);
    ThirdPartyRoot root =
        imported(fingerprint)
            .orElseThrow(
                () ->
                    new BadRequestException(
                        "No imported trusted root has the SHA-256 "
                            + fingerprint
                            + ": import the CA's root under Trusted roots first."));
    listed.add(fingerprint, CertificateNames.subject(root.certificate()), by);
    return list().stream().filter(a -> a.sha256().equals(fingerprint)).findFirst().orElseThrow();
  }

  /** Takes the root of {@code sha256} off the list; returns whether it was on it. */
  public boolean stopAllowing(String sha256, Administrator by) {
    return listed.remove(fingerprint(sha256), by);
  }

  private Optional<ThirdPartyRoot> imported(String fingerprint) {
    return trustedRoots.imported().stream()
        .filter(r -> CertificateFingerprint.hex(r.certificate()).equals(fingerprint))
        .findFirst();
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
