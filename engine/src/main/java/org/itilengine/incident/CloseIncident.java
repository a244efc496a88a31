package org.itilengine.incident;

import static org.itilengine.incident.IncidentProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/** Closes the ticket, confirmed by the requester or after the confirmation window ran out. */
@Component("closeIncident")
public class CloseIncident implements JavaDelegate {

  static final String CONFIRMED_BY_REQUESTER = "CONFIRMED_BY_REQUESTER";
  static final String AUTO_CLOSED = "AUTO_CLOSED";

  private final TicketService tickets;

  public CloseIncident(TicketService tickets) {
    this.tickets = tickets;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Ticket ticket = tickets.of(execution);
    boolean confirmed = REQUESTER_CONFIRMED.find(execution).orElse(false);
    ticket.close(confirmed ? CONFIRMED_BY_REQUESTER : AUTO_CLOSED, tickets.now());
    SATISFACTION_SCORE.find(execution).ifPresent(ticket::rateSatisfaction);
    ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), confirmed
        ? "Closed: the requester confirmed the resolution"
        : "Closed automatically: no answer from the requester");
  }
}
