package org.itilengine.connectors.mail;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Outbound mail to the SMTP server named by {@code itil.notifications.endpoint}. No Camel
 * redelivery here: the calling Camunda job owns retries, so an outage ends as a Cockpit incident
 * instead of a notification lost inside a route.
 */
@Component
public class MailServerRoute extends RouteBuilder {

  public static final String ENDPOINT = "direct:mail-server";

  @Override
  public void configure() {
    from(ENDPOINT)
        .routeId("mail-server")
        .setHeader("From", simple("{{itil.mail.desk-name}} <{{itil.mail.desk-address}}>"))
        .log("Mail about ${header.X-ITIL-Ticket} to ${header.To}: ${header.Subject}")
        .to("{{itil.notifications.endpoint}}");
  }
}
