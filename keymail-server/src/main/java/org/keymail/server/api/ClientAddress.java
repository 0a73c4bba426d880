package org.keymail.server.api;

import jakarta.servlet.http.HttpServletRequest;

/** Where a request came from, for the audit log. */
final class ClientAddress {
  private ClientAddress() {}

  static String of(HttpServletRequest request) {
    return request.getRemoteAddr();
  }
}
