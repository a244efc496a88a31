package org.itilengine.connectors.identity;

/** The directory could not be reached or failed, also after the route's redeliveries. */
public class IdentityProviderUnavailableException extends RuntimeException {

  public IdentityProviderUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
