package org.itilengine.request;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.itilengine.people.PeopleDirectory;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * The approval is overdue: the escalation group may now decide too (the task appears in their
 * queue) and is told so; the approver keeps the task. An approval left to the group from the
 * start is in its queue already; the group is told all the same.
 */
@Component("escalateApproval")
public class EscalateApproval implements JavaDelegate {

  static final String TEMPLATE = "approval-escalation";

  private final ApprovalTasks approvals;
  private final PeopleDirectory people;
  private final TicketService tickets;
  private final ServiceRequestSettings settings;

  public EscalateApproval(ApprovalTasks approvals, PeopleDirectory people, TicketService tickets,
      ServiceRequestSettings settings) {
    this.approvals = approvals;
    this.people = people;
    this.tickets = tickets;
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String group = settings.approvalEscalationGroup();
    for (Task task : approvals.open(execution)) {
      String approver = approvals.approverOf(task);
      if (!approvals.groupsOf(approver).contains(group)) {
        approvals.addCandidateGroup(task, group);
      }
      approvals.mail(execution, task, people.emailsOfGroup(group), TEMPLATE);
      tickets.of(execution).addEntry(EntryKind.SYSTEM, "engine",
          tickets.now(), "Approval by " + approvals.describe(approver) + " overdue; escalated to " + group);
    }
  }
}
