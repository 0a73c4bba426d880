package org.keymail.pki.issue;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.keymail.pki.authority.CaSigner;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.authority.SerialNumbers;
import org.keymail.pki.store.SqlTimes;
import org.keymail.pki.template.KeyType;
import org.keymail.pki.template.Template;
import org.keymail.smime.KeyUseException;

/**
 * Signs end-entity certificates with the issuing CA ({@link EndEntityProfile}) and records each in
 * {@code issued_certificates}, inside the caller's transaction. The serial number's primary key
 * makes a repeated serial fail the insert; the issuer then draws a new serial and signs again (up
 * to {@value #ATTEMPTS} times, which 128 random bits never need in practice).
 *
 * <p>Checking the request (who asks, which key, which template) is the caller's job: see {@code
 * org.keymail.pki.request.CsrCheck}. Safe to share between threads.
 */
public final class CertificateIssuer {

  /** The holder id of the server's own TLS certificates: the nil UUID, which no user has. */
  public static final UUID SERVER = new UUID(0, 0);

  /** The template name the server's own TLS certificates are recorded under. */
  public static final String SERVER_TEMPLATE = "server";

  private static final int ATTEMPTS = 5;

  /** SQLSTATE of a unique or primary key violation, on H2 and PostgreSQL alike. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final CertificateAuthority authority;
  private final SerialNumbers serials;
  private final Clock clock;

  public CertificateIssuer(CertificateAuthority authority, Clock clock, SecureRandom random) {
    this.authority = Objects.requireNonNull(authority, "authority");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.serials = new SerialNumbers(random);
  }

  /**
   * Issues a certificate for {@code publicKey} to {@code subscriber} from {@code template} and
   * stores it within {@code transaction}.
   *
   * @param requestId the certificate request it answers, or null
   * @throws KeyUseException when the issuing CA's key cannot sign
   * @throws IllegalArgumentException when the template does not allow the key's type
   */
  public IssuedCertificate issue(
      Connection transaction,
      Subscriber subscriber,
      Template template,
      SubjectPublicKeyInfo publicKey,
      UUID requestId)
      throws SQLException, KeyUseException {
    KeyType keyType = allowedKeyType(template, publicKey);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    SQLException lastCollision = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      BigInteger serial = serials.next();
      X509Certificate certificate = sign(subscriber, template, keyType, publicKey, serial, now);
      Savepoint beforeInsert = transaction.setSavepoint();
      try {
        store(transaction, certificate, subscriber, template, requestId, now);
        transaction.releaseSavepoint(beforeInsert);
        return new IssuedCertificate(
            serial, subscriber.userId(), template.name(), certificate, authority.chain());
      } catch (SQLException e) {
        transaction.rollback(beforeInsert);
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
        lastCollision = e; // serial taken: draw again
      }
    }
    throw new SQLException(
        "no unused serial number after " + ATTEMPTS + " draws; is the random source broken?",
        UNIQUE_VIOLATION,
        lastCollision);
  }

  /**
   * Signs a certificate for {@code publicKey} to {@code subscriber} from {@code template} exactly
   * as {@link #issue} does, but records it nowhere, so no CRL or OCSP answer will ever know it:
   * only for a CA that keeps no records, the one {@code keymail smime demo} keeps in files to show
   * what an organisation's CA issues.
   *
   * @throws KeyUseException when the issuing CA's key cannot sign
   * @throws IllegalArgumentException when the template does not allow the key's type
   */
  public X509Certificate issueUnrecorded(
      Subscriber subscriber, Template template, PublicKey publicKey) throws KeyUseException {
    SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
    return sign(
        subscriber,
        template,
        allowedKeyType(template, info),
        info,
        serials.next(),
        clock.instant().truncatedTo(ChronoUnit.SECONDS));
  }

  private X509Certificate sign(
      Subscriber subscriber,
      Template template,
      KeyType keyType,
      SubjectPublicKeyInfo publicKey,
      BigInteger serial,
      Instant now)
      throws KeyUseException {
    X509CertificateHolder holder =
        CaSigner.of(authority.issuingKey())
            .sign(
                EndEntityProfile.build(
                        authority.settings(),
                        authority.issuing(),
                        subscriber,
                        template,
                        keyType,
                        publicKey,
                        serial,
                        now)
                    ::build);
    return CertificateAuthority.certificate(encoded(holder));
  }

  private static KeyType allowedKeyType(Template template, SubjectPublicKeyInfo publicKey) {
    KeyType keyType = keyType(publicKey);
    if (!template.allows(keyType)) {
      throw new IllegalArgumentException(
          "the template \"" + template.name() + "\" does not allow " + keyType.displayName());
    }
    return keyType;
  }

  /**
   * Records a TLS certificate the server made for itself over the issuing CA's key, so the CRL and
   * OCSP know it like any certificate this CA issued (an OCSP client asking about the server gets
   * "good", not "unknown"). It is recorded under {@link #SERVER} and template {@code server}, which
   * no user and no enrollment template have, so it is never in the directory or a user's list.
   */
  public static void recordServerCertificate(
      Connection transaction, X509Certificate certificate, Instant now) throws SQLException {
    try (PreparedStatement s =
        transaction.prepareStatement(
            "INSERT INTO issued_certificates (serial_hex, user_id, request_id, template_name, der,"
                + " subject, not_before, not_after, issued_at) VALUES (?, ?, NULL, ?, ?, ?, ?, ?,"
                + " ?)")) {
      s.setString(1, SerialNumbers.hex(certificate.getSerialNumber()));
      s.setObject(2, SERVER);
      s.setString(3, SERVER_TEMPLATE);
      s.setBytes(4, der(certificate));
      s.setString(5, certificate.getSubjectX500Principal().getName());
      s.setObject(6, SqlTimes.utc(certificate.getNotBefore().toInstant()));
      s.setObject(7, SqlTimes.utc(certificate.getNotAfter().toInstant()));
      s.setObject(8, SqlTimes.utc(now));
      s.executeUpdate();
    }
  }

  /** The key type of {@code publicKey}, for keys keymail certifies. */
  static KeyType keyType(SubjectPublicKeyInfo publicKey) {
    try {
      java.security.PublicKey key =
          new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter().getPublicKey(publicKey);
      return KeyType.of(key)
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "keymail does not certify " + KeyType.describe(key) + " keys"));
    } catch (org.bouncycastle.openssl.PEMException e) {
      throw new IllegalArgumentException("the public key cannot be read", e);
    }
  }

  private static void store(
      Connection c,
      X509Certificate certificate,
      Subscriber subscriber,
      Template template,
      UUID requestId,
      Instant now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO issued_certificates (serial_hex, user_id, request_id, template_name, der,"
                + " subject, not_before, not_after, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?)")) {
      s.setString(1, SerialNumbers.hex(certificate.getSerialNumber()));
      s.setObject(2, subscriber.userId());
      s.setObject(3, requestId);
      s.setString(4, template.name());
      s.setBytes(5, der(certificate));
      s.setString(6, certificate.getSubjectX500Principal().getName());
      s.setObject(7, SqlTimes.utc(certificate.getNotBefore().toInstant()));
      s.setObject(8, SqlTimes.utc(certificate.getNotAfter().toInstant()));
      s.setObject(9, SqlTimes.utc(now));
      s.executeUpdate();
    }
  }

  private static byte[] encoded(X509CertificateHolder holder) {
    try {
      return holder.getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException("a certificate the CA just signed does not encode", e);
    }
  }

  private static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException("a certificate the CA just signed does not encode", e);
    }
  }
}
