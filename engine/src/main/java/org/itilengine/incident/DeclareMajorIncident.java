package org.itilengine.incident;

import static org.itilengine.incident.IncidentProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.itilengine.connectors.notification.Notification;
import org.itilengine.connectors.notification.NotificationGateway;
import org.itilengine.people.NotificationSettings;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.itilengine.ticket.Tier;
import org.springframework.stereotype.Component;

/** A P1 is a major incident: stakeholders hear at once and second line takes it directly. */
@Component("declareMajorIncident")
public class DeclareMajorIncident implements JavaDelegate {

  private final TicketService tickets;
  private final NotificationGateway notifications;
  private final NotificationSettings settings;

  public DeclareMajorIncident(TicketService tickets, NotificationGateway notifications, NotificationSettings settings) {
    this.tickets = tickets;
    this.notifications = notifications;
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Ticket ticket = tickets.of(execution);
    ticket.declareMajorIncident();
    ticket.setTier(Tier.L2);
    TIER.set(execution, Tier.L2);
    ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(),
        "Declared a major incident; stakeholders notified: " + String.join(", ", settings.majorIncidentStakeholders()));
    notifications.send(new Notification(ticket.getKey(), settings.majorIncidentStakeholders(),
        "[%s] Major incident: %s".formatted(ticket.getKey(), ticket.getTitle()),
        """
        A major incident (P1) has been declared and second line is working on it.

        %s

        Resolution target: %s
        """.formatted(ticket.getDescription(), ticket.getResolutionDueAt())));
  }
}
