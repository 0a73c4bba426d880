package org.keymail.pki.template;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a template's certificates are for, which fixes their extensions (see {@code
 * org.keymail.pki.issue}). People name a profile by its {@link #id()}, the id of the built-in
 * template that has it: {@code smartcard-logon}, {@code secure-email}, {@code user}.
 */
public enum TemplateProfile {
  /**
   * Windows smart card logon and TLS client authentication: EKU clientAuth and Microsoft
   * smartcardLogon, SAN with the e-mail address and the UPN, keyUsage digitalSignature.
   */
  SMARTCARD_LOGON(false, true),
  /**
   * S/MIME only (the S/MIME Baseline Requirements' "strict" profile): EKU emailProtection, SAN with
   * the e-mail address, keyUsage digitalSignature and keyEncipherment (RSA) or keyAgreement (EC).
   */
  SECURE_EMAIL(true, false),
  /**
   * Both purposes in one certificate (the Baseline Requirements' "multipurpose" profile): the
   * e-mail and logon usages together.
   */
  USER(true, true);

  /** The longest validity the S/MIME Baseline Requirements allow for e-mail certificates. */
  public static final int MAX_EMAIL_VALIDITY_DAYS = 825;

  /** keymail's limit for logon-only certificates. */
  public static final int MAX_LOGON_VALIDITY_DAYS = 1825;

  private final boolean email;
  private final boolean logon;

  TemplateProfile(boolean email, boolean logon) {
    this.email = email;
    this.logon = logon;
  }

  /** How people name it: {@code smartcard-logon}, {@code secure-email}, {@code user}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The profile {@code typed} names: its id, in any case, or with {@code _} for the hyphen. */
  public static Optional<TemplateProfile> parse(String typed) {
    if (typed == null) {
      return Optional.empty();
    }
    String wanted = typed.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    return Arrays.stream(values()).filter(p -> p.id().equals(wanted)).findFirst();
  }

  /** Whether the certificates protect e-mail (EKU emailProtection). */
  public boolean protectsEmail() {
    return email;
  }

  /** Whether the certificates log on (EKU clientAuth + smartcardLogon, UPN in the SAN). */
  public boolean logsOn() {
    return logon;
  }

  /** The longest validity, in days, a template of this profile may give. */
  public int maxValidityDays() {
    return email ? MAX_EMAIL_VALIDITY_DAYS : MAX_LOGON_VALIDITY_DAYS;
  }
}
