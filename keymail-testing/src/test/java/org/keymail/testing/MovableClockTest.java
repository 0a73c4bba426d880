package org.keymail.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MovableClockTest {

  @Test
  void standsStillUntilMovedForward() {
    MovableClock clock = MovableClock.at("2026-11-26T14:17:00Z");

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-26T14:17:00Z"));
    clock.advance(Duration.ofMinutes(15));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-26T14:32:00Z"));
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void startsAtTheCurrentWholeSecond() {
    Instant before = Instant.now();
    Instant start = MovableClock.startingNow().instant();

    assertThat(start.getNano()).isZero();
    assertThat(Duration.between(start, before)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void staysInUtc() {
    assertThatThrownBy(() -> MovableClock.startingNow().withZone(ZoneOffset.ofHours(1)))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
