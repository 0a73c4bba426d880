package org.keymail.smime.select;

import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The order of usable certificates, best first, and the words that explain it: publicly trusted
 * first for external recipients, then the latest expiry, then the latest notBefore, then the
 * highest serial number.
 */
final class Ranking implements Comparator<Candidate> {

  private final Audience audience;
  private final Comparator<Candidate> order;

  Ranking(Audience audience) {
    this.audience = audience;
    Comparator<Candidate> byValidity =
        Comparator.comparing((Candidate c) -> notAfter(c))
            .thenComparing(c -> notBefore(c))
            .thenComparing(c -> c.certificate().getSerialNumber())
            .reversed();
    this.order =
        audience == Audience.EXTERNAL
            ? Comparator.comparing((Candidate c) -> !c.publiclyTrusted()).thenComparing(byValidity)
            : byValidity;
  }

  @Override
  public int compare(Candidate a, Candidate b) {
    return order.compare(a, b);
  }

  /** Why {@code loser}, though usable, ranks below {@code chosen}. */
  String whyBelow(Candidate loser, Candidate chosen) {
    if (audience == Audience.EXTERNAL && chosen.publiclyTrusted() && !loser.publiclyTrusted()) {
      return "usable, but not publicly trusted: external recipients are sent a publicly trusted"
          + " certificate";
    }
    if (notAfter(loser).isBefore(notAfter(chosen))) {
      return "usable, but expires earlier ("
          + notAfter(loser)
          + ") than the chosen certificate ("
          + notAfter(chosen)
          + ")";
    }
    if (notBefore(loser).isBefore(notBefore(chosen))) {
      return "usable, but issued before the chosen certificate, which expires at the same time";
    }
    return "usable, but has a lower serial number than the chosen certificate, which has the same"
        + " validity";
  }

  /** The reason the audience gave for the choice, when it made a difference or is a warning. */
  Optional<String> audienceReason(Candidate chosen, List<Candidate> ranked) {
    if (audience != Audience.EXTERNAL) {
      return Optional.empty();
    }
    if (!chosen.publiclyTrusted()) {
      return Optional.of(
          "no publicly trusted certificate is usable, so external recipients may not be able to"
              + " verify this one");
    }
    boolean passedOverInternal = ranked.stream().anyMatch(c -> !c.publiclyTrusted());
    return passedOverInternal
        ? Optional.of("publicly trusted, preferred for external recipients")
        : Optional.empty();
  }

  /** Why {@code chosen} came first among candidates of equal trust. */
  String orderReason(Candidate chosen, List<Candidate> ranked) {
    List<Candidate> peers =
        ranked.stream()
            .filter(c -> c != chosen)
            .filter(
                c ->
                    audience != Audience.EXTERNAL
                        || c.publiclyTrusted() == chosen.publiclyTrusted())
            .toList();
    if (peers.isEmpty()) {
      return "the only usable certificate of its kind";
    }
    boolean sameExpiry = peers.stream().anyMatch(c -> notAfter(c).equals(notAfter(chosen)));
    if (!sameExpiry) {
      return "the longest remaining validity of " + (peers.size() + 1) + " usable certificates";
    }
    boolean sameStart =
        peers.stream()
            .anyMatch(
                c ->
                    notAfter(c).equals(notAfter(chosen)) && notBefore(c).equals(notBefore(chosen)));
    return sameStart
        ? "same validity as another usable certificate; the higher serial number wins"
        : "same expiry as another usable certificate; the more recently issued one wins";
  }

  private static Instant notAfter(Candidate c) {
    return instant(c.certificate().getNotAfter());
  }

  private static Instant notBefore(Candidate c) {
    return instant(c.certificate().getNotBefore());
  }

  private static Instant instant(Date date) {
    return date.toInstant();
  }
}
