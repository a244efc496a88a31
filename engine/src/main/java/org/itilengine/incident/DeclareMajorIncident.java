package org.itilengine.incident;

import static org.itilengine.incident.IncidentProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.itilengine.ticket.Tier;
import org.springframework.stereotype.Component;

/**
 * A P1 is a major incident: second line takes it directly. The stakeholders' mail is a step of its
 * own, so a mail server outage cannot hold the incident back from second line.
 */
@Component("declareMajorIncident")
public class DeclareMajorIncident implements JavaDelegate {

  private final TicketService tickets;

  public DeclareMajorIncident(TicketService tickets) {
    this.tickets = tickets;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Ticket ticket = tickets.of(execution);
    ticket.declareMajorIncident();
    ticket.setTier(Tier.L2);
    TIER.set(execution, Tier.L2);
    ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), "Declared a major incident; second line takes it");
  }
}
