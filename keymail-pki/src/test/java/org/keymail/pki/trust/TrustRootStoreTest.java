package org.keymail.pki.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.pki.store.PkiDatabase;
import org.keymail.pki.store.PkiTestDatabases;
import org.keymail.pki.testing.TableAuditTrail;
import org.keymail.pki.trust.testing.MintedPki;
import org.keymail.testing.MovableClock;

class TrustRootStoreTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void anImportedRootStopsBeingAnAnchorWhenItExpires(String product) throws Exception {
    DataSource dataSource = PkiTestDatabases.open(product);
    MovableClock clock = MovableClock.startingNow();
    Instant now = clock.instant();
    TrustRootStore store =
        new TrustRootStore(PkiDatabase.migrate(dataSource), TableAuditTrail.in(dataSource), clock);
    MintedPki.Issued organisation = MintedPki.root(now);
    MintedPki.Issued partner =
        MintedPki.spec(MintedPki.uniqueName("Partner Root"), now)
            .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)))
            .ca(-1)
            .selfSigned();
    store.add(
        ThirdPartyRoot.parse(partner.certificate().getEncoded(), now),
        organisation.certificate(),
        UUID.randomUUID(),
        "192.0.2.7");

    assertThat(store.anchors(organisation.certificate()).anchors())
        .contains(partner.certificate(), organisation.certificate());

    clock.advance(Duration.ofDays(31));

    assertThat(store.anchors(organisation.certificate()).anchors())
        .as("an expired third-party root anchors nothing")
        .doesNotContain(partner.certificate())
        .contains(organisation.certificate());
    assertThat(store.imported())
        .extracting(ThirdPartyRoot::certificate)
        .as("it is still listed for the administrator")
        .contains(partner.certificate());
  }
}
