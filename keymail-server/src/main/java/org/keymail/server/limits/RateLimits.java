package org.keymail.server.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.keymail.server.problem.Problem;
import org.keymail.server.problem.ProblemType;
import org.keymail.server.problem.ProblemWriter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rate limits on what anyone can call without signing in, per client address: the sign-in and
 * activation calls (each stores a PassKey prompt and may cost an access-code hash; a certificate
 * sign-in may ask another CA for its certificate's status) and the CA's public URLs (each OCSP
 * answer is a signature). Over the limit the answer is 429 with {@code Retry-After}. Per-account
 * limits are {@link SignInThrottle}'s. With several nodes each node counts for itself, so the limit
 * a client meets is the setting times the number of nodes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RateLimits extends OncePerRequestFilter {

  private final Buckets signIn;
  private final Buckets pki;

  public RateLimits(LimitSettings settings) {
    this.signIn = new Buckets("sign-in attempts from your address", settings.signInPerMinute());
    this.pki =
        new Buckets("certificate status requests from your address", settings.pkiPerMinute());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Buckets buckets = bucketsFor(request);
    if (buckets != null) {
      try {
        buckets.take(request.getRemoteAddr());
      } catch (TooManyRequestsException tooMany) {
        ProblemWriter.write(
            request,
            response,
            Problem.of(ProblemType.TOO_MANY_REQUESTS, tooMany.getMessage())
                .retryAfter(tooMany.retryAfterSeconds()));
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private Buckets bucketsFor(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    if (path.startsWith("/pki/")) {
      return pki;
    }
    if (!"GET".equals(method)
        && (path.startsWith("/api/v1/unlock/") || path.startsWith("/api/v1/activation/"))) {
      return signIn;
    }
    // A certificate sign-in may ask another CA's OCSP responder or fetch its CRL.
    if (path.equals("/signin/certificate")) {
      return signIn;
    }
    return null;
  }
}
