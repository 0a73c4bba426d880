package org.keymail.server.problem;

import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * The servlet container's own error answer, for requests it refuses before any servlet sees them (a
 * {@code %00} in the path, header fields over the limit): the same problem JSON as everywhere else,
 * instead of Tomcat's HTML page with its version.
 */
public final class ProblemReportValve extends ErrorReportValve {

  public ProblemReportValve() {
    setShowReport(false);
    setShowServerInfo(false);
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    // Below 500 the container refused the request itself (a bad path, headers too large): its
    // status says all. A failure of the server's own is looked up, and logged, as everywhere.
    Problem problem =
        throwable == null || status < 500
            ? ProblemStatus.forStatus(status)
            : ProblemMap.problemFor(throwable).withStatus(status);
    try {
      response.setContentType(Problem.MEDIA_TYPE);
      response.setCharacterEncoding("UTF-8");
      ProblemWriter.headers(problem).forEach(response::setHeader);
      String path = request.getDecodedRequestURI();
      response
          .getOutputStream()
          .write(ProblemWriter.bytes(path == null ? problem : problem.at(cut(path))));
      response.finishResponse();
    } catch (IOException | IllegalStateException gone) {
      // The client has gone or the answer was begun elsewhere; nothing more to say.
    }
  }

  private static String cut(String path) {
    return path.length() > 200 ? path.substring(0, 200) + "…" : path;
  }
}
