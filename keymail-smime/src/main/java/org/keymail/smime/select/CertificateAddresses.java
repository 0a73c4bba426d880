package org.keymail.smime.select;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import org.keymail.smime.address.AddressReading;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.verdict.SignerIdentity;

/**
 * The e-mail addresses a certificate is issued to (RFC 8550 §3), as the verifier reads them ({@link
 * SignerIdentity}), compared by keymail's one address type: case-insensitively, and an
 * internationalised domain in either of its forms.
 */
final class CertificateAddresses {

  private CertificateAddresses() {}

  /** The addresses in their lookup form, in the order the certificate lists them. */
  static List<String> of(X509Certificate certificate) {
    return SignerIdentity.emailAddresses(certificate).stream()
        .map(EmailAddress::lookupKey)
        .toList();
  }

  /** Whether {@code address} is one of the certificate's {@code addresses}. */
  static boolean matches(List<String> addresses, String address) {
    return addresses.contains(normalise(address));
  }

  /** {@code address} in the lookup form; text that is no address, lower-cased (it matches none). */
  static String normalise(String address) {
    return switch (EmailAddress.read(address.strip())) {
      case AddressReading.Usable usable -> usable.email().lookupKey();
      case AddressReading.Unusable unusable -> address.strip().toLowerCase(Locale.ROOT);
    };
  }
}
