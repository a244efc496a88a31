package org.itilengine.sla;

import java.util.Collection;
import java.util.LinkedHashSet;
import org.itilengine.email.TicketMailer;
import org.itilengine.people.NotificationSettings;
import org.itilengine.ticket.Ticket;
import org.springframework.stereotype.Component;

/**
 * Mails the staff who can still save an SLA about a ticket, and the service desk leads on a
 * breach or when none of those staff has a mail address: an alert always reaches someone.
 */
@Component
public class SlaAlerts {

  private final TicketMailer mailer;
  private final NotificationSettings settings;

  public SlaAlerts(TicketMailer mailer, NotificationSettings settings) {
    this.mailer = mailer;
    this.settings = settings;
  }

  public void send(Ticket ticket, Collection<String> staff, boolean alsoDeskLeads, String subject, String body) {
    var recipients = new LinkedHashSet<>(staff);
    if (alsoDeskLeads || recipients.isEmpty()) {
      recipients.addAll(settings.escalationRecipients());
    }
    mailer.sendToStaff(ticket, recipients, subject, body);
  }
}
