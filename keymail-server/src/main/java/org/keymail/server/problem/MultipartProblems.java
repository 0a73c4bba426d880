package org.keymail.server.problem;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MultipartException;

/**
 * A multipart body the container cannot parse fails before any controller is chosen, where {@link
 * ProblemAdvice} does not apply: answered here as the client's 400 (413 when too large), instead of
 * reaching the container as a servlet failure.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class MultipartProblems {

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<Problem> unreadable(MultipartException failure, HttpServletRequest request) {
    return ProblemAdvice.answer(ProblemMap.problemFor(failure).at(ProblemWriter.instance(request)));
  }
}
