package org.keymail.server.pki;

import org.keymail.pki.revoke.Crls;
import org.keymail.pki.revoke.RootCrls;
import org.keymail.pki.store.StorageUnavailableException;
import org.keymail.smime.KeyUseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the CRLs fresh when nothing is revoked: every hour it asks {@link Crls#current()} and
 * {@link RootCrls#current()}, which sign a new CRL only when the newest is older than the refresh
 * period ({@code CaSettings}, one day by default, well before the 7-day nextUpdate; the injected
 * clock decides). Revocations sign a new issuing CA CRL themselves. The root's CRL is signed as the
 * server starts, so there is one before anybody asks.
 */
final class CrlSchedule {

  private static final Logger LOG = LoggerFactory.getLogger(CrlSchedule.class);

  private final Crls crls;
  private final RootCrls rootCrls;

  CrlSchedule(Crls crls, RootCrls rootCrls) {
    this.crls = crls;
    this.rootCrls = rootCrls;
  }

  @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
  void refresh() {
    try {
      crls.current();
    } catch (StorageUnavailableException | KeyUseException e) {
      // The next run tries again; the current CRL stays valid for days (crlValidity).
      LOG.error("could not refresh the CRL: {}", e.getMessage(), e);
    }
  }

  /**
   * The root's CRL, from the start on: the first relying party then fetches one signed before it
   * began to judge, not one dated after the moment it judges at (a CRL dated later is not current
   * for it, and the issuing CA's status would count as unknown).
   */
  @Scheduled(initialDelayString = "PT0S", fixedDelayString = "PT1H")
  void refreshRoot() {
    try {
      rootCrls.current();
    } catch (StorageUnavailableException | KeyUseException e) {
      // The next run tries again; the current root CRL stays valid for days (crlValidity).
      LOG.error("could not refresh the root's CRL: {}", e.getMessage(), e);
    }
  }
}
