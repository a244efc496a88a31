package org.itilengine.incident;

import static org.itilengine.incident.IncidentProcess.*;

import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.itilengine.sla.SlaPolicy;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.itilengine.ticket.TicketStatus;
import org.springframework.stereotype.Component;

/**
 * Records a missed SLA on the ticket. A missed resolution also gets a fresh target from now, so the
 * tier the incident is escalated to has a clock of its own, and ends a wait for the requester
 * whose question had not gone out yet.
 */
@Component("recordSlaBreach")
public class RecordSlaBreach implements JavaDelegate {

  private final TicketService tickets;
  private final SlaPolicy sla;
  private final MeterRegistry meters;

  public RecordSlaBreach(TicketService tickets, SlaPolicy sla, MeterRegistry meters) {
    this.tickets = tickets;
    this.sla = sla;
    this.meters = meters;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Ticket ticket = tickets.of(execution);
    SlaKind kind = SLA_KIND.require(execution);
    meters.counter("itil.sla.breaches", "sla", kind.name(), "priority", String.valueOf(ticket.getPriority())).increment();
    switch (kind) {
      case RESPONSE -> {
        ticket.markResponseBreached();
        RESPONSE_BREACHED.set(execution, true);
        ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(),
            "Response SLA breached: no agent responded by " + ticket.getResponseDueAt());
      }
      case RESOLUTION -> {
        SlaPolicy.Deadline next = sla.resolution(ticket.getPriority(), tickets.now());
        ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), "Resolution SLA breached at tier %s (due %s); new target %s"
            .formatted(ticket.getTier(), ticket.getResolutionDueAt(), next.dueAt()));
        ticket.markResolutionBreached();
        ticket.setResolutionDueAt(next.dueAt());
        ApplySlaTargets.setResolutionDeadline(execution, next);
        if (ticket.getStatus() == TicketStatus.PENDING_REQUESTER) {
          // The breach ends the wait (before the question was mailed: the clock only pauses once it is).
          ticket.requesterAnswered(tickets.now());
          ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(),
              "No longer waiting for the requester's answer: the incident moves on after the breach");
        }
      }
    }
  }
}
