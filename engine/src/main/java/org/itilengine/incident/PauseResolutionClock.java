package org.itilengine.incident;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.springframework.stereotype.Component;

/**
 * The incident waits for the requester's answer: its resolution timers are suspended, so a long
 * wait cannot breach the SLA, apologise to the requester and escalate the incident meanwhile.
 * {@link ResumeAfterRequesterAnswer} moves them on by the wait and lets them run again.
 */
@Component("pauseResolutionClock")
public class PauseResolutionClock implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    ResolutionTimers.each(execution, timer -> timer.setSuspensionState(SuspensionState.SUSPENDED.getStateCode()));
  }
}
