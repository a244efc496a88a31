package org.itilengine.incident;

import static org.itilengine.incident.IncidentProcess.REQUESTER_ANSWER_WAIT;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * The question is out: the incident waits for the answer, for at most the configured time, and its
 * resolution timers are suspended meanwhile, so a long wait cannot breach the SLA, apologise to the
 * requester and escalate the incident. {@link ResumeAfterRequesterAnswer} moves them on by the wait
 * and lets them run again.
 */
@Component("pauseResolutionClock")
public class PauseResolutionClock implements ExecutionListener {

  private final IncidentSettings settings;
  private final TicketService tickets;

  public PauseResolutionClock(IncidentSettings settings, TicketService tickets) {
    this.settings = settings;
    this.tickets = tickets;
  }

  @Override
  public void notify(DelegateExecution execution) {
    REQUESTER_ANSWER_WAIT.set(execution, settings.requesterAnswerWait().toString());
    // The wait counts from now: until the question went out (its mail may have been retried for a
    // while), the timers ran.
    tickets.of(execution).awaitRequester(tickets.now());
    ResolutionTimers.each(execution, timer -> timer.setSuspensionState(SuspensionState.SUSPENDED.getStateCode()));
  }
}
