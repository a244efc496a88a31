package org.itilengine.ticket;

/** The ITIL record types; each has its own human key prefix (INC-000123, REQ-000042, ...). */
public enum TicketType {
  INCIDENT("INC"),
  SERVICE_REQUEST("REQ"),
  PROBLEM("PRB"),
  CHANGE_REQUEST("CHG"),
  SECURITY_CASE("SEC");

  private final String keyPrefix;

  TicketType(String keyPrefix) {
    this.keyPrefix = keyPrefix;
  }

  public String keyPrefix() {
    return keyPrefix;
  }

  public String formatKey(long number) {
    return "%s-%06d".formatted(keyPrefix, number);
  }
}
