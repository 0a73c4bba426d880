package org.keymail.server.signin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Where a browser signs in with a certificate, for the sign-in page's link: the certificate
 * listener's address under the name this browser used for the server, or empty when certificate
 * sign-in is off. Implemented by certificate sign-in's wiring.
 */
public interface CertificateSignInLink {
  Optional<String> link(HttpServletRequest request);
}
