package org.itilengine.connectors.identity;

/** The directory answered and said no; retrying will not change that. */
public class IdentityRequestRejectedException extends RuntimeException {

  public IdentityRequestRejectedException(String message) {
    super(message);
  }

  public IdentityRequestRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
