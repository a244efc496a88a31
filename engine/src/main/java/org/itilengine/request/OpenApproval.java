package org.itilengine.request;

import static org.itilengine.request.ServiceRequestProcess.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Each approver starts from a blank decision: the previous approver's choice and comment would
 * otherwise be pre-filled in the form, and completing without variables would repeat it.
 */
@Component("openApproval")
public class OpenApproval implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    task.getExecution().removeVariable(APPROVAL_DECISION.name());
    task.getExecution().removeVariable(APPROVAL_COMMENT.name());
  }
}
