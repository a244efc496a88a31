package org.itilengine.connectors.identity.scim;

import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.itilengine.connectors.identity.DirectoryOperation;
import org.itilengine.connectors.identity.IdentityRequestRejectedException;

/**
 * What a failed SCIM call means. A 4xx is the provider's answer: a refusal, or (401/403) our
 * credentials refused, which no retry fixes and which must surface as an incident. 408, 429 and
 * 5xx, like connection problems, are worth another attempt.
 */
final class ScimErrors {

  private ScimErrors() {
  }

  static boolean isRefusal(Exchange exchange) {
    return isRefusal(status(exchange));
  }

  static boolean isCredentialsRefused(Exchange exchange) {
    int status = status(exchange);
    return status == 401 || status == 403;
  }

  /**
   * The refusal in a failure, its message with the SCIM error's detail; empty for anything else.
   * Never for a search by mail: only a 200 without the address makes a requester unknown, while a
   * 404 (a wrong base URL) or a 400 (a filter the provider does not take) would make everyone
   * unknown without a word. It fails instead, and the job retries and ends as an incident.
   */
  static Optional<IdentityRequestRejectedException> refusal(DirectoryOperation operation, String what,
      Exception failure) {
    HttpOperationFailedException http = httpFailure(failure);
    if (http == null || operation == DirectoryOperation.FIND_BY_MAIL || !isRefusal(http.getStatusCode())) {
      return Optional.empty();
    }
    String detail = ScimJson.errorDetail(http.getResponseBody());
    return Optional.of(new IdentityRequestRejectedException("SCIM provider refused to " + what + ": HTTP "
        + http.getStatusCode() + (detail == null ? "" : " " + detail), http));
  }

  private static boolean isRefusal(int status) {
    return status >= 400 && status < 500 && status != 401 && status != 403 && status != 408 && status != 429;
  }

  private static int status(Exchange exchange) {
    Exception caught = exchange.getException() != null
        ? exchange.getException()
        : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    HttpOperationFailedException http = httpFailure(caught);
    return http == null ? 0 : http.getStatusCode();
  }

  private static HttpOperationFailedException httpFailure(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof HttpOperationFailedException http) {
        return http;
      }
    }
    return null;
  }
}
