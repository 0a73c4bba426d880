package org.keymail.server.webmail.options;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.server.directory.Directory;
import org.keymail.server.keys.CertificateViews;
import org.keymail.server.keys.CertificateViews.State;
import org.keymail.server.keys.CertificateViews.View;
import org.keymail.server.keys.UserKeys;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.select.Audience;
import org.keymail.smime.select.Candidate;
import org.keymail.smime.select.CertificateSelector;
import org.keymail.smime.select.NoUsableCertificateException;
import org.keymail.smime.select.Purpose;
import org.keymail.vault.VaultException;
import org.keymail.vault.keys.CertificateSource;
import org.keymail.vault.keys.VaultCertificate;
import org.keymail.vault.options.MailOptions;
import org.keymail.vault.options.MailOptionsStore;
import org.keymail.vault.policy.Policies;
import org.keymail.vault.policy.Policy;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * A user's mail options as they apply now: what they stored, within what the organisation's two
 * signing policies allow ({@code signing.certificate-choice}, {@code
 * signing.passkey-certificates-only}), and the certificate that signs a given message. A stored
 * manual choice that a policy no longer allows, or whose certificate can no longer sign, falls back
 * to keymail's automatic pick, and says so.
 *
 * <p>The automatic pick is {@link CertificateSelector}'s: when the user has a certificate of the
 * organisation's CA (trusted inside) and one of another CA (taken as the widely trusted one), the
 * latter goes first for mail to anyone outside the directory.
 */
@Service
public class SigningChoices {

  private final MailOptionsStore store;
  private final Policies policies;
  private final CertificateViews views;
  private final UserKeys keys;
  private final CertificateAuthority authority;
  private final Directory directory;
  private final Clock clock;

  public SigningChoices(
      MailOptionsStore store,
      Policies policies,
      CertificateViews views,
      UserKeys keys,
      CertificateAuthority authority,
      Directory directory,
      @Qualifier("keymailClock") Clock clock) {
    this.store = store;
    this.policies = policies;
    this.views = views;
    this.keys = keys;
    this.authority = authority;
    this.directory = directory;
    this.clock = clock;
  }

  /**
   * What the organisation allows.
   *
   * @param choiceAllowed users may choose their signing certificate
   * @param passKeyOnly only certificates of keys generated in the vault may be chosen
   */
  public record Rules(boolean choiceAllowed, boolean passKeyOnly) {}

  /**
   * The options as they apply now.
   *
   * @param stored what the user saved
   * @param rules what the organisation allows
   * @param choosable the certificates the user may choose from (empty when choice is not allowed)
   * @param manual the chosen certificate, when the choice stands
   * @param fallback why a stored choice does not stand and keymail picks instead
   */
  public record Settings(
      MailOptions stored,
      Rules rules,
      List<SigningCertificate> choosable,
      Optional<SigningCertificate> manual,
      Optional<String> fallback) {}

  public Rules rules() {
    return new Rules(
        policies.isOn(Policy.SIGNING_CERTIFICATE_CHOICE),
        policies.isOn(Policy.SIGNING_PASSKEY_CERTIFICATES_ONLY));
  }

  /** {@code userId}'s options as they apply to sending as {@code address}. */
  public Settings settings(UUID userId, String address) throws VaultException {
    MailOptions stored = store.of(userId);
    Rules rules = rules();
    List<SigningCertificate> usable = usable(userId, address);
    List<SigningCertificate> choosable =
        !rules.choiceAllowed()
            ? List.of()
            : usable.stream().filter(c -> c.passKey() || !rules.passKeyOnly()).toList();
    if (stored.signingCertificate().isEmpty()) {
      return new Settings(stored, rules, choosable, Optional.empty(), Optional.empty());
    }
    UUID chosen = stored.signingCertificate().get();
    Optional<SigningCertificate> held =
        usable.stream().filter(c -> c.certificateId().equals(chosen)).findFirst();
    String fallback;
    if (!rules.choiceAllowed()) {
      fallback =
          "Your organisation no longer lets you choose your signing certificate:"
              + " keymail picks it automatically.";
    } else if (held.isEmpty()) {
      fallback =
          "The certificate you chose can no longer sign (it expired, was revoked or was removed):"
              + " keymail picks it automatically.";
    } else if (rules.passKeyOnly() && !held.get().passKey()) {
      fallback =
          "The certificate you chose has an imported key, and your organisation allows only"
              + " PassKey certificates: keymail picks it automatically.";
    } else {
      return new Settings(stored, rules, choosable, held, Optional.empty());
    }
    return new Settings(stored, rules, choosable, Optional.empty(), Optional.of(fallback));
  }

  /**
   * The certificate that signs a message from {@code address} to {@code recipients}: the user's
   * choice where it stands, else keymail's pick for these recipients.
   *
   * @throws NoUsableCertificateException when none of the user's certificates can sign
   */
  public SigningCertificate forSending(UUID userId, String address, List<EmailAddress> recipients)
      throws VaultException, NoUsableCertificateException {
    Settings settings = settings(userId, address);
    if (settings.manual().isPresent()) {
      return settings.manual().get();
    }
    List<SigningCertificate> usable = usable(userId, address);
    List<Candidate> candidates =
        usable.stream()
            .map(c -> new Candidate(c.certificate(), c.chain(), !c.organisation()))
            .toList();
    X509Certificate best =
        new CertificateSelector(clock)
            .select(Purpose.SIGNING, candidates, address, audience(recipients))
            .chosen()
            .certificate();
    return usable.stream().filter(c -> c.certificate().equals(best)).findFirst().orElseThrow();
  }

  /**
   * Who reads the mail: coworkers (everyone is in the directory) or also people outside, who do not
   * trust the organisation's CA.
   */
  Audience audience(List<EmailAddress> recipients) {
    for (EmailAddress recipient : recipients) {
      boolean coworker =
          directory.search(recipient.toString()).stream()
              .anyMatch(
                  e ->
                      EmailAddress.read(e.email()).address().filter(recipient::equals).isPresent());
      if (!coworker) {
        return Audience.EXTERNAL;
      }
    }
    return Audience.INTERNAL;
  }

  /** The user's certificates that can sign new mail now, newest first. */
  List<SigningCertificate> usable(UUID userId, String address) throws VaultException {
    Set<UUID> importedKeys = new HashSet<>();
    for (VaultCertificate stored : keys.certificates(userId)) {
      if (stored.hasVaultKey() && stored.source() == CertificateSource.IMPORTED) {
        importedKeys.add(stored.keyId());
      }
    }
    X509Certificate issuing = authority.issuing();
    List<SigningCertificate> usable = new ArrayList<>();
    for (View view : views.of(userId, address)) {
      VaultCertificate stored = view.stored();
      if (view.state() != State.VALID
          || stored.isArchived()
          || !view.purposes().contains("signing")) {
        continue;
      }
      usable.add(
          new SigningCertificate(
              stored.id(),
              stored.keyId(),
              stored.certificate(),
              view.chain(),
              !importedKeys.contains(stored.keyId()),
              !view.chain().isEmpty() && view.chain().getFirst().equals(issuing)));
    }
    return usable;
  }
}
