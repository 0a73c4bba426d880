package org.keymail.pki.revoke;

import java.math.BigInteger;
import java.time.Instant;
import org.keymail.pki.status.RevocationReason;

/**
 * A revocation that was committed, with the CRL signed in the same transaction that lists it.
 *
 * @param serialNumber the revoked certificate's serial number
 * @param revokedAt when
 * @param reason why
 * @param crl the new CRL
 */
public record Revocation(
    BigInteger serialNumber, Instant revokedAt, RevocationReason reason, Crl crl) {}
