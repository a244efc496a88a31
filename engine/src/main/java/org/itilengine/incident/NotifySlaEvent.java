package org.itilengine.incident;

import static org.itilengine.incident.IncidentProcess.*;

import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.itilengine.people.PeopleDirectory;
import org.itilengine.sla.SlaAlerts;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * Tells the people who can still save an SLA: the case owner (or, while nobody owns the case, the
 * whole assignment group), and on a breach also the service desk leads.
 */
@Component("notifySlaEvent")
public class NotifySlaEvent implements JavaDelegate {

  private final TicketService tickets;
  private final PeopleDirectory people;
  private final SlaAlerts alerts;
  private final MeterRegistry meters;

  public NotifySlaEvent(TicketService tickets, PeopleDirectory people, SlaAlerts alerts, MeterRegistry meters) {
    this.tickets = tickets;
    this.people = people;
    this.alerts = alerts;
    this.meters = meters;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Ticket ticket = tickets.of(execution);
    SlaEvent event = SLA_EVENT.require(execution);
    meters.counter("itil.sla.events", "event", event.name()).increment();
    String group = ASSIGNMENT_GROUP.require(execution);

    String what = switch (event) {
      case RESPONSE_WARNING -> "Response due at " + ticket.getResponseDueAt();
      case RESPONSE_BREACH -> "Response SLA breached: nobody in " + group + " has responded";
      case RESOLUTION_WARNING -> "Resolution due at " + ticket.getResolutionDueAt();
    };
    alerts.send(ticket, ticket.getCaseOwner() == null ? people.emailsOfGroup(group)
        : people.emailsOfUser(ticket.getCaseOwner()), event == SlaEvent.RESPONSE_BREACH,
        "[%s] %s (%s): %s".formatted(ticket.getKey(), what, ticket.getPriority(), ticket.getTitle()),
        "%s%n%nTier: %s, case owner: %s%n".formatted(what, ticket.getTier(),
            ticket.getCaseOwner() == null ? "nobody yet" : ticket.getCaseOwner()));
  }
}
