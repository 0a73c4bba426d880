package org.keymail.server.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A filter may meet a malformed request before any controller does (form fields that do not decode,
 * a parameter the firewall refuses): when {@link ProblemMap} says the failure is the client's, it
 * is answered here with its problem, instead of travelling to the servlet container, which would
 * log it as a server failure. The server's own failures go on as before.
 *
 * <p>A query that does not decode ({@code ?next=%zz}) is found here too, before anything reads it:
 * a page's template reads its parameters while it writes the page, too late to answer 400.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class ClientErrorsInFilters extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      decodeTheQuery(request);
      chain.doFilter(request, response);
    } catch (RuntimeException | ServletException failure) {
      // Every failure gets its problem answer here; a server fault still goes on up.
      Problem problem = ProblemMap.problemFor(failure);
      if (problem.status() >= 500 || response.isCommitted()) {
        throw failure;
      }
      ProblemWriter.write(request, response, problem);
    }
  }

  /** Decodes the query of a request without a body now, so that a malformed one fails here. */
  private static void decodeTheQuery(HttpServletRequest request) {
    String method = request.getMethod();
    if (request.getQueryString() != null && ("GET".equals(method) || "HEAD".equals(method))) {
      request.getParameterMap();
    }
  }
}
