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
 * own, so a mail server outage cannot hold the incident back from second line; in instances of
 * earlier versions of the process this step mailed them itself, and still does.
 */
@Component("declareMajorIncident")
public class DeclareMajorIncident implements JavaDelegate {

  private final TicketService tickets;
  private final NotifyMajorIncidentStakeholders stakeholders;

  public DeclareMajorIncident(TicketService tickets, NotifyMajorIncidentStakeholders stakeholders) {
    this.tickets = tickets;
    this.stakeholders = stakeholders;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Ticket ticket = tickets.of(execution);
    ticket.declareMajorIncident();
    ticket.setTier(Tier.L2);
    TIER.set(execution, Tier.L2);
    ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), "Declared a major incident; second line takes it");
    if (execution.getBpmnModelInstance().getModelElementById(Elements.TASK_NOTIFY_MAJOR_INCIDENT_STAKEHOLDERS) == null) {
      stakeholders.execute(execution);
    }
  }
}
