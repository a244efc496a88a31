package org.itilengine.request;

import static org.itilengine.request.ServiceRequestProcess.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * Each approver starts from a blank decision: the previous approver's choice and comment would
 * otherwise be pre-filled in the form, and completing without variables would repeat it. Each
 * also gets their own due date, when their approval escalates.
 */
@Component("openApproval")
public class OpenApproval implements TaskListener {

  private final TicketService tickets;
  private final ServiceRequestSettings settings;

  public OpenApproval(TicketService tickets, ServiceRequestSettings settings) {
    this.tickets = tickets;
    this.settings = settings;
  }

  @Override
  public void notify(DelegateTask task) {
    task.getExecution().removeVariable(APPROVAL_DECISION.name());
    task.getExecution().removeVariable(APPROVAL_COMMENT.name());
    task.setDueDate(settings.approvalDueFrom(tickets.now()));
  }
}
