package org.itilengine.incident;

import static org.itilengine.incident.IncidentProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/** The requester answered (by mail or through the API): the ticket is back in progress. */
@Component("resumeAfterRequesterAnswer")
public class ResumeAfterRequesterAnswer implements ExecutionListener {

  private final TicketService tickets;

  public ResumeAfterRequesterAnswer(TicketService tickets) {
    this.tickets = tickets;
  }

  @Override
  public void notify(DelegateExecution execution) {
    tickets.get(TICKET_KEY.require(execution)).requesterAnswered();
    execution.removeVariable(OUTCOME.name());
  }
}
