package org.itilengine.connectors.notification;

import java.util.List;

/** A message to people about a ticket; the route decides how it travels (log now, SMTP later). */
public record Notification(String ticketKey, List<String> recipients, String subject, String body) {

  public Notification {
    recipients = List.copyOf(recipients);
  }
}
