package org.keymail.server.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * What the servlet container forwards to {@code /error}: a failure no controller answered (an
 * unknown page, a failure in a page, a filter's {@code sendError}). A browser asking for a page
 * gets the error page, anything else the problem; both carry the same title and sentence.
 */
@Controller
public class ErrorPages implements ErrorController {

  @RequestMapping(value = "/error", produces = MediaType.TEXT_HTML_VALUE)
  String page(HttpServletRequest request, Model model) {
    Problem problem = problem(request);
    model.addAttribute("status", problem.status());
    model.addAttribute("title", problem.title());
    model.addAttribute("detail", problem.detail());
    request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, problem.status());
    return "error";
  }

  @RequestMapping("/error")
  @ResponseBody
  ResponseEntity<Problem> problem(
      HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
    return ProblemAdvice.answer(problem(request));
  }

  private static Problem problem(HttpServletRequest request) {
    Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    // Without a status the container forwarded nothing: someone asked for /error itself.
    Problem problem =
        failure instanceof Throwable t
            ? ProblemMap.problemFor(t)
            : ProblemStatus.forStatus(status instanceof Integer code ? code : 404);
    return uri instanceof String path ? problem.at(cut(path)) : problem;
  }

  private static String cut(String path) {
    return path.length() > 200 ? path.substring(0, 200) + "…" : path;
  }
}
