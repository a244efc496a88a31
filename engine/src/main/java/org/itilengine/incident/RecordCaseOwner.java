package org.itilengine.incident;

import static org.itilengine.incident.IncidentProcess.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/** An agent claiming a tier task becomes the case owner; the first claim is the first response. */
@Component("recordCaseOwner")
public class RecordCaseOwner implements TaskListener {

  private final TicketService tickets;

  public RecordCaseOwner(TicketService tickets) {
    this.tickets = tickets;
  }

  @Override
  public void notify(DelegateTask task) {
    if (task.getAssignee() == null) {
      return; // unclaimed: the case owner stays on record until someone else takes it
    }
    tickets.get(TICKET_KEY.require(task)).recordAgentActivity(task.getAssignee(), tickets.now());
    RESPONDED.set(task, true);
  }
}
