package org.itilengine.incident;

import static org.itilengine.incident.IncidentProcess.REQUESTER_ANSWER_WAIT;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
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

  public PauseResolutionClock(IncidentSettings settings) {
    this.settings = settings;
  }

  @Override
  public void notify(DelegateExecution execution) {
    REQUESTER_ANSWER_WAIT.set(execution, settings.requesterAnswerWait().toString());
    ResolutionTimers.each(execution, timer -> timer.setSuspensionState(SuspensionState.SUSPENDED.getStateCode()));
  }
}
