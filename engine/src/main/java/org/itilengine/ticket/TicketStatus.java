package org.itilengine.ticket;

public enum TicketStatus {
  NEW,
  IN_PROGRESS,
  RESOLVED,
  CLOSED
}
