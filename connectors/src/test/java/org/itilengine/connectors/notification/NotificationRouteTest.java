package org.itilengine.connectors.notification;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;

@CamelSpringBootTest
@SpringBootTest(classes = NotificationRouteTest.TestApp.class,
    properties = "itil.notifications.endpoint=mock:delivered")
class NotificationRouteTest {

  @SpringBootApplication
  static class TestApp {
  }

  @Autowired
  NotificationGateway gateway;

  @Autowired
  CamelContext camel;

  @Test
  void deliversBodyWithTicketKeyRecipientsAndSubject() throws Exception {
    MockEndpoint delivered = camel.getEndpoint("mock:delivered", MockEndpoint.class);
    delivered.reset();
    delivered.expectedBodiesReceived("Printer on fire");
    delivered.expectedHeaderReceived(NotificationGateway.HEADER_TICKET_KEY, "INC-000001");
    delivered.expectedHeaderReceived(NotificationGateway.HEADER_RECIPIENTS, "a@example.org,b@example.org");
    delivered.expectedHeaderReceived(NotificationGateway.HEADER_SUBJECT, "[INC-000001] Major incident");

    gateway.send(new Notification("INC-000001", List.of("a@example.org", "b@example.org"),
        "[INC-000001] Major incident", "Printer on fire"));

    delivered.assertIsSatisfied();
  }

  @Test
  void aNotificationWithoutRecipientsIsRefused() {
    assertThatThrownBy(() -> gateway.send(new Notification("INC-000002", List.of(), "subject", "body")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("INC-000002");
  }

  @Test
  void aFailingEndpointFailsTheCaller() {
    MockEndpoint delivered = camel.getEndpoint("mock:delivered", MockEndpoint.class);
    delivered.reset();
    delivered.whenAnyExchangeReceived(exchange -> {
      throw new IllegalStateException("SMTP down");
    });
    assertThatThrownBy(() -> gateway.send(new Notification("INC-000003", List.of("a@example.org"), "s", "b")))
        .isInstanceOf(CamelExecutionException.class)
        .hasRootCauseMessage("SMTP down");
  }
}
