package org.itilengine.incident;

import static org.itilengine.incident.IncidentProcess.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * An agent claiming a tier task becomes the case owner; the first claim is the first response.
 * A new owner starts a requester-mail instance that tells the requester who is on it: a job of
 * its own, so neither a mail server outage nor the job itself can collide with the agent's work.
 */
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
    Ticket ticket = tickets.of(task);
    boolean newOwner = !task.getAssignee().equals(ticket.getCaseOwner());
    ticket.recordAgentActivity(task.getAssignee(), tickets.now());
    RESPONDED.set(task, true);
    if (newOwner) {
      RequesterMail.ASSIGNMENT.sendSeparately(task.getProcessEngineServices().getRuntimeService(), ticket.getKey());
    }
  }
}
