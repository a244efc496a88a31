package org.itilengine.request;

import static org.itilengine.request.ServiceRequestProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.itilengine.incident.NotifyRequester;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/** Closes the ticket the way the task's {@code closure} input says and tells the requester why. */
@Component("closeServiceRequest")
public class CloseServiceRequest implements JavaDelegate {

  private final TicketService tickets;
  private final NotifyRequester notifyRequester;

  public CloseServiceRequest(TicketService tickets, NotifyRequester notifyRequester) {
    this.tickets = tickets;
    this.notifyRequester = notifyRequester;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RequestClosure closure = CLOSURE.require(execution);
    Ticket ticket = tickets.of(execution);
    ticket.resolve(closure.name(), null, tickets.now());
    ticket.close(closure.name(), tickets.now());
    ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), "Closed: " + closure);
    notifyRequester.send(execution, closure.mail());
  }
}
