package org.keymail.server.pki;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.keymail.pki.ocsp.OcspResponder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The RFC 6960 GET form of OCSP, {@code GET /pki/ocsp/{url-encoded base64 request}}. Base64 holds
 * slashes, which clients send as {@code %2F}; Spring Security's firewall refuses an encoded slash
 * anywhere, for good reason, so this one public, read-only address is answered here, ahead of the
 * security chain, from the raw (still encoded) path. Tomcat passes {@code %2F} through unchanged
 * ({@link PkiListener}).
 */
final class OcspGetFilter extends OncePerRequestFilter {

  static final String PREFIX = "/pki/ocsp/";

  private final OcspResponder ocsp;

  OcspGetFilter(OcspResponder ocsp) {
    this.ocsp = ocsp;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"GET".equals(request.getMethod()) || !path(request).startsWith(PREFIX);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String encoded = path(request).substring(PREFIX.length());
    if (encoded.length() > PkiController.MAX_OCSP_REQUEST) {
      response.setStatus(HttpServletResponse.SC_REQUEST_URI_TOO_LONG);
      return;
    }
    byte[] answer = ocsp.respondToGetPath(encoded);
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(PkiController.OCSP_RESPONSE.toString());
    response.setHeader("Cache-Control", "no-cache");
    response.setContentLength(answer.length);
    response.getOutputStream().write(answer);
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }
}
