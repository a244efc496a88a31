package org.itilengine.ticket;

public enum TicketStatus {
  NEW,
  IN_PROGRESS,
  /** Waiting for the requester to answer a question. */
  PENDING_REQUESTER,
  RESOLVED,
  CLOSED
}
