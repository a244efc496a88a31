package org.itilengine.incident;

/** The SLA moments the incident flow tells people about. */
public enum SlaEvent {
  RESPONSE_WARNING,
  RESPONSE_BREACH,
  RESOLUTION_WARNING
}
