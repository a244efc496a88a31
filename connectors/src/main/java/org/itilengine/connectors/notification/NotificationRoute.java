package org.itilengine.connectors.notification;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Delivers notifications to the endpoint named by {@code itil.notifications.endpoint}. No Camel
 * redelivery here: the calling Camunda job owns retries, so an outage ends as a Cockpit incident.
 */
@Component
public class NotificationRoute extends RouteBuilder {

  static final String ENDPOINT = "direct:notifications";

  @Override
  public void configure() {
    from(ENDPOINT)
        .routeId("notifications")
        .log("Notification about ${header." + NotificationGateway.HEADER_TICKET_KEY + "} to ${header."
            + NotificationGateway.HEADER_RECIPIENTS + "}: ${header." + NotificationGateway.HEADER_SUBJECT + "}")
        .to("{{itil.notifications.endpoint}}");
  }
}
