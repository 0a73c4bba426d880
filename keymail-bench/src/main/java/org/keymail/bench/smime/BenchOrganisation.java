package org.keymail.bench.smime;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/**
 * An organisation as keymail's certificate authority sets it up: a root, an issuing CA under it (EC
 * P-256, keymail's default for the issuing CA) and users whose certificates it issues. Readers
 * trust the root; signed mail carries the user's certificate and the issuing CA's, so reading a
 * message judges the whole path, as the webmail does.
 */
public final class BenchOrganisation {

  private final BenchIdentity root;
  private final BenchIdentity issuing;

  private BenchOrganisation(BenchIdentity root, BenchIdentity issuing) {
    this.root = root;
    this.issuing = issuing;
  }

  /** Mints a new root and issuing CA. */
  public static BenchOrganisation mint() throws GeneralSecurityException {
    BenchIdentity root = BenchIdentity.mintAuthority(KeyType.EC_P256, "keymail bench root", null);
    return new BenchOrganisation(
        root, BenchIdentity.mintAuthority(KeyType.EC_P256, "keymail bench issuing CA", root));
  }

  /** Mints a user {@code address} with a key of {@code type}, issued by the issuing CA. */
  public BenchIdentity user(KeyType type, String address) throws GeneralSecurityException {
    return BenchIdentity.mint(type, address, issuing);
  }

  /** The root certificate readers trust. */
  public X509Certificate root() {
    return root.certificate();
  }
}
