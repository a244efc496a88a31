package org.itilengine;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/** For process tests with the job executor off: do what it would do, except fire timers. */
public final class AsyncSteps {

  private AsyncSteps() {
  }

  /** Executes the async continuations (mails, connector calls) the instance waits at; timers stay. */
  public static void run(ManagementService management, ProcessInstance instance) {
    for (Job job = next(management, instance); job != null; job = next(management, instance)) {
      execute(job);
    }
  }

  private static Job next(ManagementService management, ProcessInstance instance) {
    return management.createJobQuery().processInstanceId(instance.getId()).messages().list().stream()
        .findFirst().orElse(null);
  }
}
