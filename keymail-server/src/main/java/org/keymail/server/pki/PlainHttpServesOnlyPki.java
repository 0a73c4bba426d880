package org.keymail.server.pki;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 404 to every plain-HTTP request outside {@code /pki/}: sign-in pages, the API and session
 * cookies exist only on HTTPS. Runs before the security chain, so nothing else sees such a request.
 */
final class PlainHttpServesOnlyPki extends OncePerRequestFilter {

  static final String PREFIX = "/pki/";

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (request.isSecure() || path.startsWith(PREFIX)) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    response.setContentType("text/plain;charset=UTF-8");
    response
        .getOutputStream()
        .write(
            "Not found: this plain-HTTP port serves only /pki/ (CRL, OCSP, CA certificates).\n"
                .getBytes(StandardCharsets.UTF_8));
  }
}
