package org.itilengine.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.itilengine.connectors.notification.Notification;
import org.itilengine.connectors.notification.NotificationGateway;
import org.itilengine.connectors.notification.NotificationGateway.NotificationFailedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Outbound mail through the Camel route to a real SMTP server (GreenMail). */
@CamelSpringBootTest
@SpringBootTest(classes = MailServerRouteTest.TestApp.class)
class MailServerRouteTest {

  @SpringBootApplication(scanBasePackages = "org.itilengine.connectors")
  @ConfigurationPropertiesScan("org.itilengine.connectors")
  static class TestApp {
  }

  /** A fixed port, so the server comes back on the same one after the outage test. */
  static final GreenMail SMTP = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  static {
    SMTP.start();
  }

  @AfterAll
  static void stopSmtp() {
    SMTP.stop();
  }

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    registry.add("itil.notifications.endpoint", () -> "smtp://127.0.0.1:" + SMTP.getSmtp().getPort());
    registry.add("itil.mail.desk-address", () -> "servicedesk@example.org");
    registry.add("itil.mail.desk-name", () -> "IT Desk, ACME"); // a comma, as a display name may have
    registry.add("itil.mail.poll-interval", () -> "1s");
    registry.add("itil.mail.parse-timeout", () -> "5s");
  }

  @Autowired NotificationGateway gateway;
  @Autowired CamelContext camel;

  @BeforeEach
  void emptyServer() throws Exception {
    SMTP.purgeEmailFromAllMailboxes();
  }

  @Test
  void sendsTextAndHtmlWithLoopProtectionAndThreadingHeaders() throws Exception {
    String messageId = gateway.send(new Notification("INC-000001", List.of("jane.doe@example.org"),
        "[INC-000001] We are on it", "Plain text for Jane", "<p>HTML for <b>Jane</b></p>",
        "<her-mail@example.org>", List.of("<her-mail@example.org>")));

    assertThat(SMTP.waitForIncomingEmail(5_000, 1)).isTrue();
    MimeMessage mail = SMTP.getReceivedMessages()[0];
    assertThat(mail.getMessageID()).isEqualTo(messageId);
    assertThat(mail.getSubject()).isEqualTo("[INC-000001] We are on it");
    assertThat(mail.getFrom()).singleElement().isEqualTo(new InternetAddress("servicedesk@example.org", "IT Desk, ACME"));
    assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo("IT Desk, ACME");
    assertThat(mail.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
    assertThat(mail.getHeader(MailParser.LOOP_HEADER, null)).isNotBlank();
    assertThat(mail.getHeader("In-Reply-To", null)).isEqualTo("<her-mail@example.org>");
    assertThat(mail.getHeader(NotificationGateway.HEADER_TICKET_KEY, null)).isEqualTo("INC-000001");
    assertThat(mail.getContent()).isInstanceOf(MimeMultipart.class);
    ParsedMail parsed = new MailParser(1_000, 1_000).parse(raw(mail));
    assertThat(parsed.text()).isEqualTo("Plain text for Jane");
    assertThat(parsed.fromOurLoop()).isTrue();
  }

  @Test
  void aLongConversationKeepsItsFirstAndLatestMailsInFoldedReferences() throws Exception {
    List<String> thread = java.util.stream.IntStream.rangeClosed(1, 40)
        .mapToObj(i -> "<mail-" + i + "." + "x".repeat(60) + "@mail.example.org>").toList();

    gateway.send(new Notification("INC-000006", List.of("jane.doe@example.org"), "[INC-000006] Still on it",
        "text", null, thread.get(39), thread));

    assertThat(SMTP.waitForIncomingEmail(5_000, 1)).isTrue();
    MimeMessage mail = SMTP.getReceivedMessages()[0];
    assertThat(mail.getHeader("References", null).split("\\s+"))
        .containsExactlyElementsOf(java.util.stream.Stream.concat(thread.subList(0, 1).stream(),
            thread.subList(31, 40).stream()).toList());
    assertThat(new String(raw(mail), java.nio.charset.StandardCharsets.US_ASCII).lines())
        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
  }

  @Test
  void aNotificationWithoutRecipientsIsRefused() {
    assertThatThrownBy(() -> gateway.send(new Notification("INC-000002", List.of(), "subject", "body")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("INC-000002");
  }

  @Test
  void anUnreachableMailServerFailsTheCaller() {
    SMTP.stop();
    try {
      assertThatThrownBy(() -> gateway.send(new Notification("INC-000003", List.of("a@example.org"), "s", "b")))
          .isInstanceOf(NotificationFailedException.class)
          .hasMessageContaining("INC-000003");
    } finally {
      SMTP.start();
    }
  }

  @Test
  void aConnectionTheServerDroppedIsReplacedWithoutLosingTheNextMail() throws Exception {
    gateway.send(new Notification("INC-000004", List.of("a@example.org"), "first", "b")); // connection kept open
    SMTP.stop(); // drops it
    SMTP.start();

    gateway.send(new Notification("INC-000004", List.of("a@example.org"), "second", "b"));

    assertThat(SMTP.waitForIncomingEmail(5_000, 1)).isTrue();
    assertThat(SMTP.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactly("second");
  }

  @Test
  void theOpenConnectionIsClosedWhenTheComponentStopsAndTheNextMailOpensAnother() throws Exception {
    gateway.send(new Notification("INC-000005", List.of("a@example.org"), "first", "b"));
    var pooling = (SmtpConnections.ReusingConfiguration) camel.getComponent("smtp", MailComponent.class)
        .getConfiguration();

    assertThat(pooling.closeIdle()).as("the connection the endpoint kept open").isEqualTo(1);
    assertThat(pooling.closeIdle()).isZero();
    gateway.send(new Notification("INC-000005", List.of("a@example.org"), "second", "b"));

    assertThat(SMTP.waitForIncomingEmail(5_000, 2)).isTrue();
    assertThat(SMTP.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactly("first", "second");
  }

  private static int freePort() {
    try (var socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] raw(MimeMessage mail) throws Exception {
    var out = new java.io.ByteArrayOutputStream();
    mail.writeTo(out);
    return out.toByteArray();
  }
}
