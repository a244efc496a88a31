package org.itilengine.ticket;

/** Impact and urgency as the ITIL priority matrix knows them. */
public enum Level {
  HIGH,
  MEDIUM,
  LOW
}
