package org.keymail.server.web;

import jakarta.servlet.http.HttpServletRequest;

/** Where a request came from, for the audit log. */
public final class ClientAddress {
  private ClientAddress() {}

  public static String of(HttpServletRequest request) {
    return request.getRemoteAddr();
  }
}
