package org.itilengine.request;

import static org.itilengine.request.ServiceRequestProcess.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * Puts a service request in its fulfilment group's queue once it is theirs to work by hand. Not
 * before: while approvers decide or the desk waits for a one-time code, there is nothing for the
 * group to do, and a reply from the desk would be read as the requester's code attempt.
 */
@Component("handToFulfilmentGroup")
public class HandToFulfilmentGroup implements TaskListener {

  private final TicketService tickets;

  public HandToFulfilmentGroup(TicketService tickets) {
    this.tickets = tickets;
  }

  @Override
  public void notify(DelegateTask task) {
    tickets.of(task).setAssignmentGroup(FULFILMENT_GROUP.require(task));
  }
}
