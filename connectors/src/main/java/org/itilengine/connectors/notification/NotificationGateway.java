package org.itilengine.connectors.notification;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mail.MailConstants;
import org.itilengine.connectors.mail.MailParser;
import org.itilengine.connectors.mail.MailServerRoute;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Hands a notification to the mail server route. The call is synchronous so a failing server
 * fails the calling job, which Camunda retries and finally shows as an incident in Cockpit.
 */
@Component
public class NotificationGateway {

  public static final String HEADER_TICKET_KEY = "X-ITIL-Ticket";
  static final int MAX_REFERENCES = 10;

  private final ProducerTemplate producer;
  private final Counter sent;
  private final Counter failed;

  public NotificationGateway(ProducerTemplate producer, ObjectProvider<MeterRegistry> meters) {
    this.producer = producer;
    MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
    this.sent = Counter.builder("itil.notifications").tag("result", "sent")
        .description("Mails sent by the desk").register(registry);
    this.failed = Counter.builder("itil.notifications").tag("result", "failed")
        .description("Mails the mail server refused or could not take (retried by the job)").register(registry);
  }

  /** Sends and returns the Message-ID the mail went out with (null when the endpoint is no mail server). */
  public String send(Notification notification) {
    if (notification.recipients().isEmpty()) {
      throw new IllegalArgumentException("Notification about " + notification.ticketKey() + " has no recipient: "
          + notification.subject());
    }
    Map<String, Object> headers = new HashMap<>();
    headers.put(HEADER_TICKET_KEY, notification.ticketKey());
    headers.put(MailConstants.MAIL_TO, String.join(",", notification.recipients()));
    headers.put(MailConstants.MAIL_SUBJECT, notification.subject());
    // RFC 3834: automatic mail says so, and carries our loop header so we never answer ourselves.
    headers.put("Auto-Submitted", "auto-replied");
    headers.put(MailParser.LOOP_HEADER, "itil-engine");
    if (notification.inReplyTo() != null) {
      headers.put("In-Reply-To", notification.inReplyTo());
    }
    if (!notification.references().isEmpty()) {
      headers.put("References", references(notification.references()));
    }
    if (notification.html() != null) {
      headers.put(MailConstants.MAIL_CONTENT_TYPE, "text/html; charset=UTF-8");
      headers.put(MailConstants.MAIL_ALTERNATIVE_BODY, notification.text());
    } else {
      headers.put(MailConstants.MAIL_CONTENT_TYPE, "text/plain; charset=UTF-8");
    }
    String body = notification.html() != null ? notification.html() : notification.text();
    Exchange exchange = producer.send(MailServerRoute.ENDPOINT, outgoing -> {
      outgoing.getIn().setBody(body);
      outgoing.getIn().setHeaders(headers);
    });
    if (exchange.getException() != null) {
      failed.increment();
      throw new NotificationFailedException(notification, exchange.getException());
    }
    sent.increment();
    return exchange.getMessage().getHeader(MailConstants.MAIL_MESSAGE_ID, String.class);
  }

  /**
   * The thread's first mail and its latest ones (RFC 5322 allows trimming the middle), one per
   * folded line: a long conversation must not make a header line longer than a server takes.
   */
  static String references(List<String> thread) {
    List<String> kept = thread.size() <= MAX_REFERENCES ? thread
        : Stream.concat(Stream.of(thread.get(0)), thread.subList(thread.size() - MAX_REFERENCES + 1, thread.size())
            .stream()).toList();
    return String.join("\r\n ", kept);
  }

  /** The mail server refused or could not be reached. */
  public static class NotificationFailedException extends RuntimeException {
    NotificationFailedException(Notification notification, Exception cause) {
      super("Could not send '" + notification.subject() + "' about " + notification.ticketKey() + ": "
          + cause.getMessage(), cause);
    }
  }
}
