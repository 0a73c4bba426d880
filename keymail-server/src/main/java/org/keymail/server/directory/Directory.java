package org.keymail.server.directory;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.keymail.pki.issue.EmailCertificates;
import org.keymail.pki.issue.EmailCertificates.EmailCertificate;
import org.keymail.pki.status.CertificateStatus;
import org.keymail.vault.user.ActiveUsers;
import org.keymail.vault.user.User;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * The global address list: every active user with at least one e-mail certificate of the CA that is
 * valid now, with those certificates; a revoked one is listed as revoked (with its date and
 * reason), so people see why they cannot encrypt to it, and is never offered for encryption. The
 * people come from the vault ({@link ActiveUsers}), their certificates from the CA's records
 * ({@link EmailCertificates}), both read as they stand, so a certificate appears the moment it is
 * issued and shows as revoked the moment it is revoked.
 */
@Service
public final class Directory {

  /** At most this many people per answer. */
  public static final int LIMIT = 200;

  private final ActiveUsers users;
  private final EmailCertificates certificates;
  private final Clock clock;

  public Directory(
      ActiveUsers users, EmailCertificates certificates, @Qualifier("keymailClock") Clock clock) {
    this.users = users;
    this.certificates = certificates;
    this.clock = clock;
  }

  /** Someone in the directory, with their e-mail certificates (longest-lived first). */
  public record Entry(String email, String displayName, List<Listed> certificates) {}

  /**
   * One of their certificates; a revoked one is listed too, so that people see why they cannot
   * encrypt to it.
   */
  public record Listed(
      String serial,
      Instant notAfter,
      X509Certificate certificate,
      Optional<Instant> revokedAt,
      Optional<String> revocationReason) {}

  /**
   * People whose address or name contains {@code text} (any case), by address; everyone when it is
   * blank. Users without a certificate to list are passed over a page at a time until {@link
   * #LIMIT} people are found or nobody is left.
   */
  public List<Entry> search(String text) {
    Instant now = clock.instant();
    List<Entry> people = new ArrayList<>();
    Optional<String> after = Optional.empty();
    while (people.size() < LIMIT) {
      List<User> page = users.matching(text, after, LIMIT);
      Map<UUID, List<EmailCertificate>> held =
          certificates.validAt(page.stream().map(User::id).toList(), now);
      for (User user : page) {
        List<EmailCertificate> theirs = held.get(user.id());
        if (theirs != null && people.size() < LIMIT) {
          people.add(
              new Entry(
                  user.email(),
                  user.displayName(),
                  theirs.stream().map(Directory::listed).toList()));
        }
      }
      if (page.size() < LIMIT) {
        break;
      }
      after = Optional.of(page.getLast().email());
    }
    return List.copyOf(people);
  }

  private static Listed listed(EmailCertificate certificate) {
    return new Listed(
        certificate.serialHex(),
        certificate.notAfter(),
        certificate.certificate(),
        certificate.revocation().map(CertificateStatus.Revoked::revokedAt),
        certificate.revocation().map(revoked -> revoked.reason().label()));
  }
}
