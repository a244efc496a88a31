package org.itilengine.sla;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import org.itilengine.connectors.notification.Notification;
import org.itilengine.connectors.notification.NotificationGateway;
import org.itilengine.people.NotificationSettings;
import org.itilengine.ticket.Ticket;
import org.springframework.stereotype.Component;

/**
 * Mails the staff who can still save an SLA about a ticket, and the service desk leads on a
 * breach or when none of those staff has a mail address: an alert always reaches someone.
 */
@Component
public class SlaAlerts {

  private final NotificationGateway notifications;
  private final NotificationSettings settings;

  public SlaAlerts(NotificationGateway notifications, NotificationSettings settings) {
    this.notifications = notifications;
    this.settings = settings;
  }

  public void send(Ticket ticket, Collection<String> staff, boolean alsoDeskLeads, String subject, String body) {
    var recipients = new LinkedHashSet<>(staff);
    if (alsoDeskLeads || recipients.isEmpty()) {
      recipients.addAll(settings.escalationRecipients());
    }
    notifications.send(new Notification(ticket.getKey(), new ArrayList<>(recipients), subject, body));
  }
}
