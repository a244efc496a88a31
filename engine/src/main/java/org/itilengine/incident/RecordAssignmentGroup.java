package org.itilengine.incident;

import static org.itilengine.incident.IncidentProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/** Copies the group the assignment DMN chose onto the ticket, so queue reports read the tables. */
@Component("recordAssignmentGroup")
public class RecordAssignmentGroup implements ExecutionListener {

  private final TicketService tickets;

  public RecordAssignmentGroup(TicketService tickets) {
    this.tickets = tickets;
  }

  @Override
  public void notify(DelegateExecution execution) {
    tickets.get(TICKET_KEY.require(execution)).setAssignmentGroup(ASSIGNMENT_GROUP.require(execution));
  }
}
