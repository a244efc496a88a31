package org.itilengine.incident;

import static org.itilengine.incident.IncidentProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * Copies the group the assignment DMN chose onto the ticket, so queue reports read the tables. A
 * ticket that moves to another group goes to that group's queue, whoever had it before.
 */
@Component("recordAssignmentGroup")
public class RecordAssignmentGroup implements ExecutionListener {

  private final TicketService tickets;

  public RecordAssignmentGroup(TicketService tickets) {
    this.tickets = tickets;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Ticket ticket = tickets.of(execution);
    String group = ASSIGNMENT_GROUP.require(execution);
    if (!group.equals(ticket.getAssignmentGroup())) {
      TIER_ASSIGNEE.set(execution, null); // a new group's queue, not the agent who had it so far
    }
    ticket.setAssignmentGroup(group);
  }
}
