package org.keymail.smime.select;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Picks the best of a user's certificates for signing or for encryption, and says why ("let the
 * system pick the best" on the Dashboard and in {@code keymail cert select}).
 *
 * <p>The rules, in order: the certificate must be usable for the purpose (key usage and extended
 * key usage), valid now, and issued to the sending address; among those, a publicly trusted one
 * ranks first when the mail goes to external recipients; then the one valid longest; ties go to the
 * later notBefore, then the higher serial number, so the same inputs always give the same choice.
 * Stateless and thread-safe; time comes from the injected clock.
 */
public final class CertificateSelector {

  private final Clock clock;

  public CertificateSelector(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Chooses among {@code candidates} the certificate to use for {@code purpose} when sending as
   * {@code sendingAddress} to {@code audience}.
   *
   * @throws NoUsableCertificateException when no candidate passes the rules, listing why each
   *     failed
   */
  public Selection select(
      Purpose purpose, List<Candidate> candidates, String sendingAddress, Audience audience)
      throws NoUsableCertificateException {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(sendingAddress, "sendingAddress");
    Objects.requireNonNull(audience, "audience");
    Instant now = clock.instant();

    List<Candidate> usable = new ArrayList<>();
    List<Rejection> refused = new ArrayList<>();
    for (Candidate candidate : candidates) {
      Optional<String> refusal = refusal(candidate, purpose, now, sendingAddress);
      if (refusal.isPresent()) {
        refused.add(new Rejection(candidate, refusal.get()));
      } else {
        usable.add(candidate);
      }
    }
    if (usable.isEmpty()) {
      throw new NoUsableCertificateException(purpose, sendingAddress, refused);
    }

    Ranking ranking = new Ranking(audience);
    List<Candidate> ranked = usable.stream().sorted(ranking).toList();
    Candidate chosen = ranked.get(0);

    List<Rejection> rejected = new ArrayList<>();
    for (Candidate candidate : candidates) {
      if (candidate == chosen) {
        continue;
      }
      refused.stream()
          .filter(r -> r.candidate() == candidate)
          .findFirst()
          .ifPresentOrElse(
              rejected::add,
              () -> rejected.add(new Rejection(candidate, ranking.whyBelow(candidate, chosen))));
    }
    return new Selection(
        chosen, reasons(chosen, purpose, sendingAddress, ranked, ranking), rejected);
  }

  private static Optional<String> refusal(
      Candidate candidate, Purpose purpose, Instant now, String sendingAddress) {
    X509Certificate certificate = candidate.certificate();
    Optional<String> use = PurposeCheck.refusal(certificate, purpose);
    if (use.isPresent()) {
      return use;
    }
    if (now.isAfter(certificate.getNotAfter().toInstant())) {
      return Optional.of("expired on " + certificate.getNotAfter().toInstant());
    }
    if (now.isBefore(certificate.getNotBefore().toInstant())) {
      return Optional.of("not valid before " + certificate.getNotBefore().toInstant());
    }
    List<String> addresses = CertificateAddresses.of(certificate);
    if (addresses.isEmpty()) {
      return Optional.of("names no e-mail address, so it cannot be matched to " + sendingAddress);
    }
    if (!CertificateAddresses.matches(addresses, sendingAddress)) {
      return Optional.of(
          "issued to "
              + String.join(", ", addresses)
              + ", not to the sending address "
              + sendingAddress);
    }
    return Optional.empty();
  }

  private static List<String> reasons(
      Candidate chosen,
      Purpose purpose,
      String sendingAddress,
      List<Candidate> ranked,
      Ranking ranking) {
    Instant notAfter = chosen.certificate().getNotAfter().toInstant();
    List<String> reasons = new ArrayList<>();
    reasons.add("usable for " + purpose.words());
    reasons.add("issued to the sending address " + CertificateAddresses.normalise(sendingAddress));
    reasons.add("valid until " + notAfter);
    if (ranked.size() == 1) {
      reasons.add("the only usable certificate");
      return reasons;
    }
    ranking.audienceReason(chosen, ranked).ifPresent(reasons::add);
    reasons.add(ranking.orderReason(chosen, ranked));
    return reasons;
  }
}
