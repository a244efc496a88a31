package org.itilengine.request;

import static org.itilengine.request.ServiceRequestProcess.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.exception.NotValidException;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/** The fulfilment group's outcome and notes; the notes are what the requester is told. */
@Component("recordFulfilment")
public class RecordFulfilment implements TaskListener {

  static final int MIN_NOTES_LENGTH = 10;

  private final TicketService tickets;

  public RecordFulfilment(TicketService tickets) {
    this.tickets = tickets;
  }

  @Override
  public void notify(DelegateTask task) {
    FulfilmentOutcome outcome = FULFILMENT_OUTCOME.find(task)
        .orElseThrow(() -> new NotValidException("Choose FULFILLED or NOT_FULFILLED"));
    String notes = FULFILMENT_NOTES.find(task).map(String::strip).orElse("");
    if (notes.length() < MIN_NOTES_LENGTH) {
      throw new NotValidException("Write at least " + MIN_NOTES_LENGTH + " characters for the requester");
    }
    String agent = task.getAssignee() != null ? task.getAssignee()
        : task.getProcessEngineServices().getIdentityService().getCurrentAuthentication().getUserId();
    Ticket ticket = tickets.of(task);
    ticket.recordAgentActivity(agent, tickets.now());
    ticket.addEntry(EntryKind.PUBLIC_REPLY, agent, tickets.now(), notes);
    RESOLUTION_NOTES.set(task, notes);
  }
}
