package org.itilengine.connectors.mail;

import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
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
  public void configure() throws UnsupportedEncodingException {
    // Quoted and encoded as a display name must be: "IT Desk, ACME" would otherwise read as two addresses.
    String from = new InternetAddress(getCamelContext().resolvePropertyPlaceholders("{{itil.mail.desk-address}}"),
        getCamelContext().resolvePropertyPlaceholders("{{itil.mail.desk-name}}"), "UTF-8").toString();
    from(ENDPOINT)
        .routeId("mail-server")
        .setHeader("From", constant(from))
        .log("Mail about ${header.X-ITIL-Ticket} to ${header.To}: ${header.Subject}")
        .to("{{itil.notifications.endpoint}}");
  }
}
