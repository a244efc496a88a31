package org.itilengine.incident;

import static org.itilengine.incident.IncidentProcess.*;

import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.Job;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * The requester answered (by mail or through the API): the ticket is back in progress, and the
 * resolution clock, stopped while we waited for them, moves on by the time it stood still.
 */
@Component("resumeAfterRequesterAnswer")
public class ResumeAfterRequesterAnswer implements ExecutionListener {

  private final TicketService tickets;

  public ResumeAfterRequesterAnswer(TicketService tickets) {
    this.tickets = tickets;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Ticket ticket = tickets.of(execution);
    Duration waited = ticket.requesterAnswered(tickets.now());
    execution.removeVariable(OUTCOME.name());
    if (waited.isZero() || ticket.getResolutionDueAt() == null) {
      return;
    }
    ticket.setResolutionDueAt(ticket.getResolutionDueAt().plus(waited));
    RESOLUTION_DUE_AT.set(execution, Date.from(ticket.getResolutionDueAt()));
    RESOLUTION_WARNING_AT.find(execution)
        .ifPresent(warnAt -> RESOLUTION_WARNING_AT.set(execution, Date.from(warnAt.toInstant().plus(waited))));
    ManagementService management = execution.getProcessEngineServices().getManagementService();
    Context.getCommandContext().runWithoutAuthorization(() -> {
      for (String timer : new String[] {Elements.TIMER_RESOLUTION_SLA, Elements.TIMER_RESOLUTION_SLA_WARNING}) {
        for (Job job : management.createJobQuery().processInstanceId(execution.getProcessInstanceId())
            .activityId(timer).list()) {
          management.setJobDuedate(job.getId(), Date.from(job.getDuedate().toInstant().plus(waited)));
        }
      }
      return null;
    });
    ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), "Waited %s for the requester; resolution now due %s"
        .formatted(waited.withNanos(0), ticket.getResolutionDueAt()));
  }
}
