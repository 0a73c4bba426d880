package org.keymail.server.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link Problem} as the whole answer to a request, where no controller advice can: in
 * filters, the security chain's entry points and the servlet container's error report.
 */
public final class ProblemWriter {

  /** Request paths are echoed in {@code instance}; cut so a huge path is not answered in full. */
  private static final int MAX_INSTANCE = 200;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ProblemWriter() {}

  /** Answers {@code request} with {@code problem}, unless something was sent already. */
  public static void write(
      HttpServletRequest request, HttpServletResponse response, Problem problem)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    Problem answer = problem.instance() == null ? problem.at(instance(request)) : problem;
    response.setStatus(answer.status());
    headers(answer).forEach(response::setHeader);
    response.setContentType(Problem.MEDIA_TYPE);
    response.setCharacterEncoding("UTF-8");
    OutputStream out = response.getOutputStream();
    out.write(bytes(answer));
    out.flush();
  }

  /** The JSON of {@code problem}. */
  public static byte[] bytes(Problem problem) {
    return JSON.writeValueAsBytes(problem);
  }

  /** The headers that go with {@code problem}: how to authenticate, when to try again. */
  public static java.util.Map<String, String> headers(Problem problem) {
    java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Cache-Control", "no-store");
    if (problem.status() == 401) {
      headers.put("WWW-Authenticate", "Bearer realm=\"keymail\"");
    }
    if (problem.retryAfter() != null) {
      headers.put("Retry-After", Long.toString(problem.retryAfter()));
    }
    return headers;
  }

  /** The request's path (no query: it may carry values that do not belong in answers or logs). */
  public static String instance(HttpServletRequest request) {
    String path = request.getRequestURI();
    if (path == null) {
      return null;
    }
    return path.length() > MAX_INSTANCE ? path.substring(0, MAX_INSTANCE) + "…" : path;
  }
}
