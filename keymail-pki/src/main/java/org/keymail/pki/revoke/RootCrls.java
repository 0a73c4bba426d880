package org.keymail.pki.revoke;

import java.time.Clock;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.store.PkiDatabase;
import org.keymail.smime.KeyUseException;

/**
 * The root CA's CRL, served at {@code /pki/root.crl} and named by the issuing CA certificate's CRL
 * distribution point, so relying parties can check the issuing CA's status as RFC 5280 §6.1.3 asks.
 * Signed with the root's key; lists the CA certificates the root revoked ({@code
 * ca_certificates.revoked_at}), which today is none, so the CRL is empty. Same profile, numbering,
 * validity and refresh as the issuing CA's CRL ({@link Crls}, {@code CaSettings.crlValidity()} and
 * {@code crlRefresh()}), kept in the {@code root_crls} table so every node serves the same one.
 */
public final class RootCrls {

  private final Crls crls;

  public RootCrls(PkiDatabase database, CertificateAuthority authority, Clock clock) {
    this.crls = new Crls(database, authority, clock, Crls.Issuer.ROOT);
  }

  /**
   * The root CRL to serve: the newest one, or a new one when there is none yet or the newest is
   * older than the refresh period.
   *
   * @throws KeyUseException when the root's key is missing from the CA key store or refuses to sign
   */
  public Crl current() throws KeyUseException {
    return crls.current();
  }

  /** Signs a new root CRL now, whatever the age of the newest one. */
  public Crl regenerate() throws KeyUseException {
    return crls.regenerate();
  }
}
