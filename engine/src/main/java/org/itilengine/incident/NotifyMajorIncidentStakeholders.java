package org.itilengine.incident;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.itilengine.email.TicketMailer;
import org.itilengine.people.NotificationSettings;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/** Tells the configured stakeholders that a major incident was declared. */
@Component("notifyMajorIncidentStakeholders")
public class NotifyMajorIncidentStakeholders implements JavaDelegate {

  private final TicketService tickets;
  private final TicketMailer mailer;
  private final NotificationSettings settings;

  public NotifyMajorIncidentStakeholders(TicketService tickets, TicketMailer mailer, NotificationSettings settings) {
    this.tickets = tickets;
    this.mailer = mailer;
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Ticket ticket = tickets.of(execution);
    mailer.sendToStaff(ticket, settings.majorIncidentStakeholders(),
        "[%s] Major incident: %s".formatted(ticket.getKey(), ticket.getTitle()),
        """
        A major incident (P1) has been declared and second line is working on it.

        %s

        Resolution target: %s
        """.formatted(ticket.getDescription(), ticket.getResolutionDueAt()));
  }
}
