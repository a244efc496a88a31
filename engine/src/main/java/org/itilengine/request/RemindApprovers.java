package org.itilengine.request;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/** The approval waited too long: the approver (or the group it is left to) gets a reminder. */
@Component("remindApprovers")
public class RemindApprovers implements JavaDelegate {

  static final String TEMPLATE = "approval-reminder";

  private final ApprovalTasks approvals;
  private final TicketService tickets;

  public RemindApprovers(ApprovalTasks approvals, TicketService tickets) {
    this.approvals = approvals;
    this.tickets = tickets;
  }

  @Override
  public void execute(DelegateExecution execution) {
    for (Task task : approvals.open(execution)) {
      if (approvals.mail(execution, task, approvals.addressesOfDeciders(task), TEMPLATE) == 0) {
        tickets.of(execution).addEntry(EntryKind.SYSTEM, "engine", tickets.now(),
            "No mail address for " + approvals.describe(approvals.approverOf(task)) + "; reminder not sent");
      }
    }
  }
}
