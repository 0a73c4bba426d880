package org.keymail.server.support;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.keymail.server.signin.KeysLockedAuthentication;
import org.keymail.server.signin.UnlockAuthentication;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Marks every log line written while serving a signed-in person with their vault user id ({@code
 * user.id} in the log file's JSON), so a support report attaches that person's lines and no one
 * else's. Only the id: never their session token or anything they typed. Runs after the security
 * chain, which knows who is signed in.
 */
@Component
class UserInLog extends OncePerRequestFilter {

  /** The log field, Elastic Common Schema's name for the acting user's id. */
  static final String USER_ID = "user.id";

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
    String user =
        signedIn instanceof UnlockAuthentication unlocked
            ? unlocked.getPrincipal().userId().toString()
            : signedIn instanceof KeysLockedAuthentication locked
                ? locked.getPrincipal().userId().toString()
                : null;
    if (user == null) {
      chain.doFilter(request, response);
      return;
    }
    MDC.put(USER_ID, user);
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(USER_ID);
    }
  }
}
