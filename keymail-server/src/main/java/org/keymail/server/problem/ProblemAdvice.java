package org.keymail.server.problem;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers every failure of a REST controller (the API, the CA's public URLs) with its problem from
 * {@link ProblemMap}. Pages have their own answer: the error page of {@link ErrorPages}.
 */
@RestControllerAdvice(annotations = RestController.class)
public class ProblemAdvice {

  @ExceptionHandler(Throwable.class)
  ResponseEntity<Problem> failed(Throwable failure, HttpServletRequest request) {
    return answer(ProblemMap.problemFor(failure).at(ProblemWriter.instance(request)));
  }

  /** {@code problem} as a response entity, with its headers. */
  public static ResponseEntity<Problem> answer(Problem problem) {
    HttpHeaders headers = new HttpHeaders();
    ProblemWriter.headers(problem).forEach(headers::set);
    return ResponseEntity.status(HttpStatusCode.valueOf(problem.status()))
        .headers(headers)
        .contentType(MediaType.parseMediaType(Problem.MEDIA_TYPE))
        .body(problem);
  }
}
