package org.keymail.server.session;

import java.util.ArrayList;
import java.util.List;
import org.springframework.session.web.http.CookieSerializer;

/**
 * Spring Boot's session cookie (name and flags from {@code server.servlet.session.cookie.*}), its
 * value the session id and the {@link CookieSecrets} secret: {@code <id>:<secret>}. Spring Session
 * sees only the id; the secret goes to {@link CookieSecrets} for the request.
 */
final class SecretCarryingCookies implements CookieSerializer {

  private final CookieSerializer cookies;

  SecretCarryingCookies(CookieSerializer cookies) {
    this.cookies = cookies;
  }

  @Override
  public List<String> readCookieValues(jakarta.servlet.http.HttpServletRequest request) {
    List<String> ids = new ArrayList<>();
    for (String value : cookies.readCookieValues(request)) {
      int colon = value.indexOf(':');
      String id = colon < 0 ? value : value.substring(0, colon);
      if (colon >= 0) {
        CookieSecrets.received(request, id, value.substring(colon + 1));
      }
      ids.add(id);
    }
    return ids;
  }

  @Override
  public void writeCookieValue(CookieValue cookie) {
    String id = cookie.getCookieValue();
    if (id == null || id.isEmpty()) {
      cookies.writeCookieValue(cookie); // the session ended: the cookie is cleared
      return;
    }
    CookieValue withSecret =
        new CookieValue(
            cookie.getRequest(),
            cookie.getResponse(),
            id + ":" + CookieSecrets.toWrite(cookie.getRequest(), id));
    withSecret.setCookieMaxAge(cookie.getCookieMaxAge());
    cookies.writeCookieValue(withSecret);
  }
}
