package org.itilengine.ticket;

import org.camunda.bpm.engine.exception.NotValidException;

/**
 * What a requester tells us when a ticket is opened. What does not fit the ticket's columns is
 * refused here with a message that says so, not later by the database.
 */
public record NewTicket(TicketType type, String title, String description, String requesterEmail,
    String requesterName) {

  public NewTicket {
    requireAtMost("title", title, 255);
    requireAtMost("description", description, Ticket.MAX_TEXT_LENGTH);
    requireAtMost("requester's address", requesterEmail, 320);
    requireAtMost("requester's name", requesterName, 255);
  }

  private static void requireAtMost(String what, String value, int length) {
    if (value != null && value.length() > length) {
      throw new NotValidException("The " + what + " holds at most " + length + " characters");
    }
  }
}
