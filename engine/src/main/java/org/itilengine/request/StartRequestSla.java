package org.itilengine.request;

import static org.itilengine.request.ServiceRequestProcess.*;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * The request's SLA runs from the moment it may be fulfilled (approved, verified, or needing
 * neither), not from registration: approvals have their own reminders and escalation, and the
 * days they take must not make the fulfilment breach the moment it starts. The deadline set here
 * is the one the fulfilment's SLA timer and the fulfilment task read.
 */
@Component("startRequestSla")
public class StartRequestSla implements JavaDelegate {

  private final TicketService tickets;
  private final ServiceRequestSettings settings;

  public StartRequestSla(TicketService tickets, ServiceRequestSettings settings) {
    this.tickets = tickets;
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Ticket ticket = tickets.of(execution);
    Instant due = tickets.now().plus(settings.item(CATALOG_ITEM.require(execution)).orElseThrow().resolutionTime());
    ticket.setResolutionDueAt(due);
    RESOLUTION_DUE_AT.set(execution, Date.from(due));
    ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), "Ready for fulfilment; SLA target " + due);
  }
}
