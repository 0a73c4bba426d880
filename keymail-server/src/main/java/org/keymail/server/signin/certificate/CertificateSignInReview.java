package org.keymail.server.signin.certificate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.keymail.server.signin.BrowserCertificate;
import org.keymail.server.web.ClientAddress;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Judges a browser's certificate sign-in again while it lasts ({@link CertificateSignIn#review}),
 * before the security chain reads it: a certificate revoked, expired or no longer its person's ends
 * the sign-in within a minute, on whichever node the browser asks next. A PassKey sign-in the
 * browser has stays; the policies then decide what it may still open.
 */
final class CertificateSignInReview extends OncePerRequestFilter {

  private final CertificateSignIn signIn;

  CertificateSignInReview(CertificateSignIn signIn) {
    this.signIn = signIn;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<BrowserCertificate.CertificateSignIn> kept = BrowserCertificate.current(request);
    if (kept.isPresent()) {
      Optional<BrowserCertificate.CertificateSignIn> reviewed =
          signIn.review(kept.get(), ClientAddress.of(request));
      if (reviewed.isEmpty()) {
        BrowserCertificate.forget(request);
      } else if (reviewed.get() != kept.get()) {
        BrowserCertificate.judgedAgain(request, reviewed.get());
      }
    }
    chain.doFilter(request, response);
  }
}
