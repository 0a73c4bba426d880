package org.keymail.smime.testing;

import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * Everything about a test user's certificate that a test may want to get wrong on purpose: key,
 * validity, key usages, e-mail address, issuer. Start with {@link #email(String)}; what is not set
 * gets the well-formed default of {@link TestPki#user(String, KeyType)}.
 */
public final class UserSpec {

  /** Who issues the user's certificate. */
  enum Issuer {
    ISSUING_CA,
    ROOT
  }

  private final String email;
  private final KeyType keyType;
  private final KeyPair keyPair;
  private final Instant notBefore;
  private final Instant notAfter;
  private final List<KeyPurposeId> extendedKeyUsages;
  private final Integer keyUsage;
  private final String subjectAltNameEmail;
  private final boolean withSubjectAltName;
  private final Issuer issuer;

  private UserSpec(Builder b) {
    this.email = b.email;
    this.keyType = b.keyType;
    this.keyPair = b.keyPair;
    this.notBefore = b.notBefore;
    this.notAfter = b.notAfter;
    this.extendedKeyUsages = List.copyOf(b.extendedKeyUsages);
    this.keyUsage = b.keyUsage;
    this.subjectAltNameEmail = b.subjectAltNameEmail;
    this.withSubjectAltName = b.withSubjectAltName;
    this.issuer = b.issuer;
  }

  /**
   * Starts the specification of a user whose address (and subject CN's local part) is {@code
   * email}.
   */
  public static Builder email(String email) {
    return new Builder(email);
  }

  String emailAddress() {
    return email;
  }

  KeyType keyType() {
    return keyType;
  }

  Optional<KeyPair> keyPair() {
    return Optional.ofNullable(keyPair);
  }

  Optional<Instant> notBefore() {
    return Optional.ofNullable(notBefore);
  }

  Optional<Instant> notAfter() {
    return Optional.ofNullable(notAfter);
  }

  List<KeyPurposeId> extendedKeyUsages() {
    return extendedKeyUsages;
  }

  Optional<Integer> keyUsage() {
    return Optional.ofNullable(keyUsage);
  }

  /** The address to put in the subject alternative name, or empty for none. */
  Optional<String> subjectAltNameEmail() {
    return withSubjectAltName
        ? Optional.of(subjectAltNameEmail == null ? email : subjectAltNameEmail)
        : Optional.empty();
  }

  Issuer issuer() {
    return issuer;
  }

  /** Collects a {@link UserSpec}; every setter is optional. */
  public static final class Builder {
    private final String email;
    private KeyType keyType = KeyType.RSA_2048;
    private KeyPair keyPair;
    private Instant notBefore;
    private Instant notAfter;
    private List<KeyPurposeId> extendedKeyUsages = List.of(KeyPurposeId.id_kp_emailProtection);
    private Integer keyUsage;
    private String subjectAltNameEmail;
    private boolean withSubjectAltName = true;
    private Issuer issuer = Issuer.ISSUING_CA;

    private Builder(String email) {
      this.email = Objects.requireNonNull(email, "email");
      if (!email.contains("@")) {
        throw new IllegalArgumentException("not an e-mail address: " + email);
      }
    }

    /** The key type (default RSA-2048), taken from the shared key pool. */
    public Builder keyType(KeyType type) {
      this.keyType = Objects.requireNonNull(type, "type");
      return this;
    }

    /** A key pair of the caller's own instead of one from the pool (set its type too). */
    public Builder keyPair(KeyPair pair) {
      this.keyPair = Objects.requireNonNull(pair, "pair");
      return this;
    }

    /** Start of validity (default: one day before issuance). */
    public Builder notBefore(Instant instant) {
      this.notBefore = Objects.requireNonNull(instant, "instant");
      return this;
    }

    /** End of validity (default: 365 days after issuance). */
    public Builder notAfter(Instant instant) {
      this.notAfter = Objects.requireNonNull(instant, "instant");
      return this;
    }

    /** The extended key usages (default emailProtection); none given = no EKU extension at all. */
    public Builder extendedKeyUsage(KeyPurposeId... purposes) {
      this.extendedKeyUsages = List.of(purposes);
      return this;
    }

    /**
     * The key usage bits, as Bouncy Castle's {@code KeyUsage} constants OR-ed together (default
     * digitalSignature plus keyEncipherment for RSA or keyAgreement for EC).
     */
    public Builder keyUsage(int bcKeyUsageBits) {
      this.keyUsage = bcKeyUsageBits;
      return this;
    }

    /** Leaves out the subject alternative name, so the certificate names no e-mail address. */
    public Builder noSubjectAltName() {
      this.withSubjectAltName = false;
      return this;
    }

    /** Puts {@code other} in the subject alternative name instead of the user's own address. */
    public Builder subjectAltNameEmail(String other) {
      this.subjectAltNameEmail = Objects.requireNonNull(other, "other");
      this.withSubjectAltName = true;
      return this;
    }

    /** Has the root CA issue the certificate directly, so the chain is just the root. */
    public Builder issuedByRoot() {
      this.issuer = Issuer.ROOT;
      return this;
    }

    public UserSpec build() {
      if (keyPair != null && keyPair.getPublic().getAlgorithm().equals("RSA") != keyType.isRsa()) {
        throw new IllegalStateException(
            "the key pair is "
                + keyPair.getPublic().getAlgorithm()
                + " but the key type is "
                + keyType);
      }
      if (notBefore != null && notAfter != null && notAfter.isBefore(notBefore)) {
        throw new IllegalStateException(
            "notAfter " + notAfter + " is before notBefore " + notBefore);
      }
      return new UserSpec(this);
    }
  }
}
