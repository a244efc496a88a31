package org.itilengine.connectors.mail;

/** A mail we cannot turn into a ticket; it goes to quarantine with this reason. */
public class UnparseableMailException extends Exception {

  public UnparseableMailException(String reason) {
    super(reason);
  }

  public UnparseableMailException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
