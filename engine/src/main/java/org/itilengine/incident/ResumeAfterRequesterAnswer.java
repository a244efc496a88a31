package org.itilengine.incident;

import static org.itilengine.incident.IncidentProcess.*;

import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * The requester answered (by mail or through the API), or did not in time: the ticket is back in
 * progress with the agent who asked, and the resolution timers, suspended while we waited
 * ({@link PauseResolutionClock}), run again, later by the time they stood still.
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
    if (Elements.TIMER_REQUESTER_SILENT.equals(execution.getCurrentActivityId())) {
      String silence = "No answer from the requester in "
          + (waited.toDays() > 0 ? waited.toDays() + " days" : waited.toMinutes() + " minutes");
      REQUESTER_ANSWER.set(execution, "(" + silence + ")");
      ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), silence + "; back to the agent who asked");
    }
    boolean moved = !waited.isZero() && ticket.getResolutionDueAt() != null;
    ResolutionTimers.each(execution, timer -> {
      if (moved) {
        timer.setDuedate(Date.from(timer.getDuedate().toInstant().plus(waited)));
      }
      timer.setSuspensionState(SuspensionState.ACTIVE.getStateCode());
    });
    if (!moved) {
      return;
    }
    ticket.setResolutionDueAt(ticket.getResolutionDueAt().plus(waited));
    RESOLUTION_DUE_AT.set(execution, Date.from(ticket.getResolutionDueAt()));
    RESOLUTION_WARNING_AT.find(execution)
        .ifPresent(warnAt -> RESOLUTION_WARNING_AT.set(execution, Date.from(warnAt.toInstant().plus(waited))));
    ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), "Waited %s for the requester; resolution now due %s"
        .formatted(waited.withNanos(0), ticket.getResolutionDueAt()));
  }
}
