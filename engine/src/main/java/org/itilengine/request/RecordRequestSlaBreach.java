package org.itilengine.request;

import static org.itilengine.request.ServiceRequestProcess.*;

import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.itilengine.people.PeopleDirectory;
import org.itilengine.sla.SlaAlerts;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * The request is not fulfilled when its SLA runs out, by hand or automatically (an automation
 * stuck as a Cockpit incident): the breach goes on record and the fulfilment group and the desk
 * leads are told; the fulfilment stays where it is.
 */
@Component("recordRequestSlaBreach")
public class RecordRequestSlaBreach implements JavaDelegate {

  private final TicketService tickets;
  private final PeopleDirectory people;
  private final SlaAlerts alerts;
  private final MeterRegistry meters;

  public RecordRequestSlaBreach(TicketService tickets, PeopleDirectory people, SlaAlerts alerts,
      MeterRegistry meters) {
    this.tickets = tickets;
    this.people = people;
    this.alerts = alerts;
    this.meters = meters;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Ticket ticket = tickets.of(execution);
    ticket.markResolutionBreached();
    String group = FULFILMENT_GROUP.require(execution);
    ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), "Fulfilment SLA breached; " + group + " and the desk leads told");
    meters.counter("itil.sla.breaches", "sla", "REQUEST_FULFILMENT", "priority", "none").increment();

    String what = "Service request overdue since " + ticket.getResolutionDueAt();
    alerts.send(ticket, people.emailsOfGroup(group), true,
        "[%s] %s: %s".formatted(ticket.getKey(), what, ticket.getTitle()),
        "%s%n%nItem: %s, fulfilment group: %s%n".formatted(what, ticket.getSubcategory(), group));
  }
}
