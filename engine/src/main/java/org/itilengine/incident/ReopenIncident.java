package org.itilengine.incident;

import static org.itilengine.incident.IncidentProcess.*;

import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.itilengine.sla.SlaPolicy;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * "Not fixed": back to the tier that resolved it. The resolution clock was paused while we waited
 * for the requester, so the new target is now plus the time that was left at resolution (with a
 * floor, see SlaPolicy).
 */
@Component("reopenIncident")
public class ReopenIncident implements JavaDelegate {

  private final TicketService tickets;
  private final SlaPolicy sla;

  public ReopenIncident(TicketService tickets, SlaPolicy sla) {
    this.tickets = tickets;
    this.sla = sla;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Ticket ticket = tickets.of(execution);
    Instant now = tickets.now();
    SlaPolicy.Deadline resumed = sla.reopened(ticket.getPriority(), now,
        Duration.between(ticket.getResolvedAt(), ticket.getResolutionDueAt()));
    ticket.reopen();
    ticket.setResolutionDueAt(resumed.dueAt());
    // What the requester wrote is on the journal already: the channel that brought it keeps it.
    ticket.addEntry(EntryKind.SYSTEM, "engine", now,
        "Not fixed, says the requester: reopened (%d) and returned to %s; resolution due %s".formatted(
            ticket.getReopenCount(), ticket.getTier(), resumed.dueAt()));
    TIER.set(execution, ticket.getTier());
    ApplySlaTargets.setResolutionDeadline(execution, resumed);
    execution.removeVariable(OUTCOME.name());
  }
}
