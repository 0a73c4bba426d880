package org.keymail.pki.testing;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.keymail.pki.authority.CaKeys;
import org.keymail.pki.authority.CaSettings;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.authority.InMemoryCaKeys;
import org.keymail.pki.issue.CertificateIssuer;
import org.keymail.pki.request.CertificateRequests;
import org.keymail.pki.request.Requester;
import org.keymail.pki.revoke.Crls;
import org.keymail.pki.revoke.IssuedCertificateStatus;
import org.keymail.pki.revoke.Revocations;
import org.keymail.pki.revoke.RootCrls;
import org.keymail.pki.store.PkiDatabase;
import org.keymail.pki.store.PkiTestDatabases;
import org.keymail.pki.template.Templates;
import org.keymail.smime.KeyUseException;
import org.keymail.testing.MovableClock;

/**
 * keymail's CA wired as the server wires it, on a fresh H2 or PostgreSQL database, with in-memory
 * CA keys, a hand-moved clock and an audit trail the test can read.
 */
public final class TestCa {

  public static final SecureRandom RANDOM = new SecureRandom();

  public final DataSource dataSource;
  public final PkiDatabase database;
  public final CaKeys keys;
  public final MovableClock clock;
  public final TableAuditTrail audit;
  public final CertificateAuthority authority;
  public final Templates templates;
  public final CertificateIssuer issuer;
  public final CertificateRequests requests;
  public final Crls crls;
  public final RootCrls rootCrls;
  public final Revocations revocations;
  public final IssuedCertificateStatus status;

  private TestCa(DataSource dataSource, CaSettings settings) throws SQLException, KeyUseException {
    this.dataSource = dataSource;
    this.database = PkiDatabase.migrate(dataSource);
    this.keys = new InMemoryCaKeys(RANDOM);
    this.clock = MovableClock.startingNow();
    this.audit = TableAuditTrail.in(dataSource);
    this.authority = CertificateAuthority.start(database, keys, settings, clock, RANDOM);
    this.templates = new Templates(database, audit, clock);
    this.issuer = new CertificateIssuer(authority, clock, RANDOM);
    this.requests = new CertificateRequests(database, templates, authority, issuer, audit, clock);
    this.crls = new Crls(database, authority, clock);
    this.rootCrls = new RootCrls(database, authority, clock);
    this.revocations = new Revocations(database, crls, audit, clock);
    this.status = new IssuedCertificateStatus(database);
  }

  /** The CA with {@link #settings()} on a fresh {@code product} ("H2" or "POSTGRESQL") database. */
  public static TestCa open(String product) throws SQLException, KeyUseException {
    return open(product, settings().build());
  }

  public static TestCa open(String product, CaSettings settings)
      throws SQLException, KeyUseException {
    return new TestCa(PkiTestDatabases.open(product), settings);
  }

  /** Example Org's settings, with its public URLs at http://pki.example.org:8080. */
  public static CaSettings.Builder settings() {
    return CaSettings.builder()
        .organisation("Example Org")
        .publicBaseUrl(URI.create("http://pki.example.org:8080"));
  }

  /** A requester with a fresh id. */
  public static Requester person(String email, String name) {
    return new Requester(UUID.randomUUID(), email, name, null);
  }
}
