package org.itilengine.incident;

import java.util.function.Consumer;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;

/** The resolution SLA timer and its warning: they stand still while the incident waits for the requester. */
final class ResolutionTimers {

  private ResolutionTimers() {
  }

  /**
   * Changes each of the instance's resolution timers as the engine (agents may not touch jobs). On
   * the job entities of this transaction, not through ManagementService: its suspension is a bulk
   * update that would make a due date set in the same transaction fail as a concurrent change.
   */
  static void each(DelegateExecution execution, Consumer<JobEntity> change) {
    ManagementService management = execution.getProcessEngineServices().getManagementService();
    CommandContext command = Context.getCommandContext();
    command.runWithoutAuthorization(() -> {
      for (String timer : new String[] {IncidentProcess.Elements.TIMER_RESOLUTION_SLA,
          IncidentProcess.Elements.TIMER_RESOLUTION_SLA_WARNING}) {
        for (Job job : management.createJobQuery().processInstanceId(execution.getProcessInstanceId())
            .activityId(timer).list()) {
          change.accept(command.getJobManager().findJobById(job.getId()));
        }
      }
      return null;
    });
  }
}
