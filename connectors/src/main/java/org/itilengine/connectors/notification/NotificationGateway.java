package org.itilengine.connectors.notification;

import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Hands a notification to the notification route. The call is synchronous so a failing endpoint
 * fails the calling job, which Camunda retries and finally shows as an incident in Cockpit.
 */
@Component
public class NotificationGateway {

  public static final String HEADER_TICKET_KEY = "ItilTicketKey";
  public static final String HEADER_RECIPIENTS = "ItilRecipients";
  public static final String HEADER_SUBJECT = "ItilSubject";

  private final ProducerTemplate producer;

  public NotificationGateway(ProducerTemplate producer) {
    this.producer = producer;
  }

  public void send(Notification notification) {
    if (notification.recipients().isEmpty()) {
      throw new IllegalArgumentException("Notification about " + notification.ticketKey() + " has no recipient: "
          + notification.subject());
    }
    producer.sendBodyAndHeaders(NotificationRoute.ENDPOINT, notification.body(), Map.of(
        HEADER_TICKET_KEY, notification.ticketKey(),
        HEADER_RECIPIENTS, String.join(",", notification.recipients()),
        HEADER_SUBJECT, notification.subject()));
  }
}
