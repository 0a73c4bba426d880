package org.keymail.server.signin.certificate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers 404 to every request on the certificate listener outside certificate sign-in and the
 * page's own style sheets: everything else of keymail is on the main listener, which never asks for
 * a certificate. Runs before the security chain.
 */
final class CertificateListenerServesOnlySignIn
    extends org.springframework.web.filter.OncePerRequestFilter {

  private final int port;

  CertificateListenerServesOnlySignIn(CertificatePort port) {
    this.port = port.number();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (request.getLocalPort() != port
        || path.equals(CertificateSignInController.PATH)
        || path.startsWith("/css/")
        || path.equals("/error")
        || path.equals("/favicon.ico")) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    response.setContentType("text/plain;charset=UTF-8");
    response
        .getOutputStream()
        .write(
            ("Not found: this port serves only certificate sign-in ("
                    + CertificateSignInController.PATH
                    + ").\n")
                .getBytes(StandardCharsets.UTF_8));
  }
}
