package org.itilengine.connectors.notification;

import java.util.List;

/**
 * A message to people about a ticket. {@code html} is an optional rich alternative of
 * {@code text}; {@code inReplyTo} and {@code references} thread it under an earlier mail.
 */
public record Notification(String ticketKey, List<String> recipients, String subject, String text, String html,
    String inReplyTo, List<String> references) {

  public Notification {
    recipients = List.copyOf(recipients);
    references = references == null ? List.of() : List.copyOf(references);
  }

  /** A plain-text notification that answers no earlier mail. */
  public Notification(String ticketKey, List<String> recipients, String subject, String text) {
    this(ticketKey, recipients, subject, text, null, null, List.of());
  }
}
