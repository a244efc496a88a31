package org.itilengine.ticket;

/** What a requester tells us when a ticket is opened. */
public record NewTicket(TicketType type, String title, String description, String requesterEmail,
    String requesterName) {
}
