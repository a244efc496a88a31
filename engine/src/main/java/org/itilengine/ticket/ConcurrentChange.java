package org.itilengine.ticket;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A ticket changed by someone else (an agent, an incoming mail, a process step) between reading
 * and writing it: the version check refuses the second write, or the row stayed locked too long.
 * The caller can simply try again.
 */
@RestControllerAdvice(basePackages = "org.itilengine")
public class ConcurrentChange {

  @ExceptionHandler(ConcurrencyFailureException.class)
  ProblemDetail conflict(ConcurrencyFailureException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "The ticket changed at the same time; try again");
  }
}
