package org.itilengine.incident;

import static org.itilengine.incident.IncidentProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/** Marks the ticket resolved by the current tier and starts the wait for the requester's answer. */
@Component("recordResolution")
public class RecordResolution implements JavaDelegate {

  private final TicketService tickets;
  private final IncidentSettings settings;

  public RecordResolution(TicketService tickets, IncidentSettings settings) {
    this.tickets = tickets;
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Ticket ticket = tickets.of(execution);
    ticket.resolve(RESOLUTION_CODE.require(execution).name(), TIER.require(execution), tickets.now());
    ticket.addEntry(EntryKind.PUBLIC_REPLY, RESOLVED_BY.require(execution), tickets.now(),
        RESOLUTION_NOTES.require(execution));
    AUTO_CLOSE_AFTER.set(execution, settings.autoCloseAfter().toString());
    REQUESTER_CONFIRMED.set(execution, false);
  }
}
