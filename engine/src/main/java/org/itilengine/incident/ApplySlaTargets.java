package org.itilengine.incident;

import static org.itilengine.incident.IncidentProcess.*;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.itilengine.sla.SlaPolicy;
import org.itilengine.sla.SlaPolicy.Deadline;
import org.itilengine.ticket.Priority;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/** Stores the priority the DMN chose and sets the response and resolution targets it implies. */
@Component("applySlaTargets")
public class ApplySlaTargets implements JavaDelegate {

  private final TicketService tickets;
  private final SlaPolicy sla;

  public ApplySlaTargets(TicketService tickets, SlaPolicy sla) {
    this.tickets = tickets;
    this.sla = sla;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Ticket ticket = tickets.of(execution);
    Priority priority = PRIORITY.require(execution);
    Deadline response = sla.response(priority, ticket.getOpenedAt());
    Deadline resolution = sla.resolution(priority, ticket.getOpenedAt());
    ticket.setPriority(priority);
    ticket.setSlaTargets(response.dueAt(), resolution.dueAt());

    TASK_PRIORITY.set(execution, priority.taskPriority());
    RESPONSE_WARNING_AT.set(execution, Date.from(response.warnAt()));
    RESPONSE_DUE_AT.set(execution, Date.from(response.dueAt()));
    setResolutionDeadline(execution, resolution);
  }

  static void setResolutionDeadline(DelegateExecution execution, Deadline resolution) {
    RESOLUTION_WARNING_AT.set(execution, Date.from(resolution.warnAt()));
    RESOLUTION_DUE_AT.set(execution, Date.from(resolution.dueAt()));
  }
}
