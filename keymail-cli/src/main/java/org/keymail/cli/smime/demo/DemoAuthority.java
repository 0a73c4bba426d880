package org.keymail.cli.smime.demo;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.keymail.pki.authority.CaKey;
import org.keymail.pki.authority.CaKeyAlgorithm;
import org.keymail.pki.authority.CaKeys;
import org.keymail.pki.authority.CaSettings;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.authority.InMemoryCaKeys;
import org.keymail.pki.issue.CertificateIssuer;
import org.keymail.pki.issue.Subscriber;
import org.keymail.pki.template.Templates;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.keys.KeyPairCheck;

/**
 * The demo organisation's certificate authority: keymail-pki's own CA, founded as an organisation's
 * keymail server founds it on its first start (a root and an issuing CA with the default key types
 * and lifetimes) and issuing e-mail certificates from the built-in Secure Email template, exactly
 * as the server issues them. Only where it is kept differs: in the demo's files instead of the
 * vault and the CA's tables, so the CA's records (CRL, OCSP) know nothing of its certificates.
 *
 * <p>Created with {@link #create}, or rebuilt from the files of an earlier demo run with {@link
 * #of}.
 */
final class DemoAuthority {

  /**
   * Where the certificates say relying parties ask about revocation and fetch the issuing CA: a
   * keymail server on this computer with its default ports, as the demo's certificates would name
   * it in an organisation; nothing answers there for the demo's CA.
   */
  static final URI PUBLIC_BASE_URL = URI.create("http://localhost:8080");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final CertificateAuthority authority;
  private final PrivateKey rootKey;
  private final PrivateKey issuingKey;
  private final CertificateIssuer issuer;

  private DemoAuthority(
      CertificateAuthority authority, PrivateKey rootKey, PrivateKey issuingKey, Clock clock) {
    this.authority = authority;
    this.rootKey = rootKey;
    this.issuingKey = issuingKey;
    this.issuer = new CertificateIssuer(authority, clock, RANDOM);
  }

  /** A new CA for {@code organisation}, with new keys. */
  static DemoAuthority create(String organisation, Clock clock) throws KeyUseException {
    KeptKeys keys = new KeptKeys();
    CertificateAuthority authority =
        CertificateAuthority.founded(keys, settings(organisation), clock, RANDOM);
    return new DemoAuthority(
        authority,
        keys.privateKeyOf(authority.root()),
        keys.privateKeyOf(authority.issuing()),
        clock);
  }

  /**
   * The CA of an earlier run, from its certificates and keys.
   *
   * @throws KeyUseException when a key is not its certificate's, or the issuing CA not the root's
   */
  static DemoAuthority of(
      String organisation,
      X509Certificate root,
      PrivateKey rootKey,
      X509Certificate issuing,
      PrivateKey issuingKey,
      Clock clock)
      throws KeyUseException {
    if (!KeyPairCheck.belongTogether(rootKey, root.getPublicKey())
        || !KeyPairCheck.belongTogether(issuingKey, issuing.getPublicKey())) {
      throw new KeyUseException("the demo CA's keys are not the ones of its certificates");
    }
    CertificateAuthority authority =
        CertificateAuthority.of(
            settings(organisation),
            root,
            InMemoryCaKeys.key(new KeyPair(root.getPublicKey(), rootKey)),
            issuing,
            InMemoryCaKeys.key(new KeyPair(issuing.getPublicKey(), issuingKey)));
    return new DemoAuthority(authority, rootKey, issuingKey, clock);
  }

  private static CaSettings settings(String organisation) {
    return CaSettings.builder().organisation(organisation).publicBaseUrl(PUBLIC_BASE_URL).build();
  }

  /** The root certificate: the trust anchor of everything this authority issues. */
  X509Certificate root() {
    return authority.root();
  }

  /** The issuing CA's certificate, which signs the people's certificates. */
  X509Certificate issuing() {
    return authority.issuing();
  }

  /** The root's private key, so the demo can keep it in a file for its next run. */
  PrivateKey rootKey() {
    return rootKey;
  }

  /** The issuing CA's private key, so the demo can keep it in a file for its next run. */
  PrivateKey issuingKey() {
    return issuingKey;
  }

  /**
   * Issues the Secure Email certificate of {@code displayName} at {@code address} for {@code
   * publicKey}, as the organisation's CA issues it.
   */
  X509Certificate issueEmailCertificate(String address, String displayName, PublicKey publicKey)
      throws KeyUseException {
    // The demo's people are no vault users; a stable id stands in for theirs.
    UUID holder = UUID.nameUUIDFromBytes(address.getBytes(StandardCharsets.UTF_8));
    return issuer.issueUnrecorded(
        new Subscriber(holder, address, displayName, null),
        Templates.SHIPPED_SECURE_EMAIL,
        publicKey);
  }

  /** The CA's keys while it is founded, kept so the demo can write them to its files. */
  private static final class KeptKeys implements CaKeys {
    private final Map<String, KeyPair> pairs = new LinkedHashMap<>();

    @Override
    public CaKey create(String alias, CaKeyAlgorithm algorithm) throws KeyUseException {
      KeyPair pair = algorithm.generate(RANDOM);
      pairs.put(alias, pair);
      return InMemoryCaKeys.key(pair);
    }

    @Override
    public Optional<CaKey> find(String alias) {
      return Optional.ofNullable(pairs.get(alias)).map(InMemoryCaKeys::key);
    }

    PrivateKey privateKeyOf(X509Certificate certificate) {
      byte[] wanted = certificate.getPublicKey().getEncoded();
      return pairs.values().stream()
          .filter(pair -> Arrays.equals(pair.getPublic().getEncoded(), wanted))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("the CA made a key it did not keep"))
          .getPrivate();
    }
  }
}
