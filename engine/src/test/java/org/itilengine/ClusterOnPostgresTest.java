package org.itilengine;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.itilengine.ticket.TicketRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two engine nodes on one PostgreSQL database reading one mailbox, as Camunda 7 scales: every
 * mail becomes exactly one ticket, every acknowledgement and every SLA timer mail goes out exactly
 * once, and both nodes do work. The response SLA is a few seconds here so the timers fire.
 */
@EnabledIf(value = "org.itilengine.TestPostgres#answers", disabledReason = "no PostgreSQL at 127.0.0.1:5432")
class ClusterOnPostgresTest {

  private static final String DESK = "servicedesk@example.org";
  private static final int MAILS = 200;

  private static GreenMail mailServer;
  private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

  @BeforeAll
  static void startTwoNodes() {
    int[] ports = TestPorts.freePorts(2);
    mailServer = new GreenMail(new ServerSetup[] {
        new ServerSetup(ports[0], "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
        new ServerSetup(ports[1], "127.0.0.1", ServerSetup.PROTOCOL_SMTP)})
        .withConfiguration(GreenMailConfiguration.aConfig().withUser(DESK, DESK, "secret"));
    mailServer.start();
    String database = TestPostgres.freshDatabase("itil_cluster_");
    nodes.add(node(database)); // one after the other: the first creates schema, groups and deployment
    nodes.add(node(database));
  }

  private static ConfigurableApplicationContext node(String database) {
    return new SpringApplicationBuilder(ItilEngineApplication.class).profiles("postgres", "default").run(
        "--spring.datasource.url=" + database,
        "--spring.datasource.username=" + TestPostgres.USER,
        "--server.port=0",
        "--spring.jmx.enabled=false",
        "--itil.mail.embedded.enabled=false",
        "--itil.directory.embedded.enabled=false",
        "--itil.mail.poll-interval=200ms",
        "--itil.mail.mailboxes[0].name=service-desk",
        "--itil.mail.mailboxes[0].host=127.0.0.1",
        "--itil.mail.mailboxes[0].port=" + mailServer.getImap().getPort(),
        "--itil.mail.mailboxes[0].username=" + DESK,
        "--itil.mail.mailboxes[0].password=secret",
        "--itil.notifications.endpoint=smtp://127.0.0.1:" + mailServer.getSmtp().getPort(),
        "--itil.email.max-mails-per-sender-per-hour=100000",
        "--itil.sla.targets.P3.response=4s",
        // one job per acquisition, so the two job executors take turns rather than one taking batches
        "--camunda.bpm.job-execution.max-jobs-per-acquisition=1",
        "--management.metrics.export.defaults.enabled=true",
        "--logging.level.root=WARN");
  }

  @AfterAll
  static void stopNodes() {
    nodes.forEach(ConfigurableApplicationContext::close);
    if (mailServer != null) {
      mailServer.stop();
    }
  }

  @Test
  void everyMailIsOneTicketAndEveryNotificationGoesOutOnce() throws Exception {
    Session session = Session.getInstance(new Properties());
    var desk = mailServer.getUserManager().getUser(DESK);
    for (int i = 0; i < MAILS; i++) {
      String raw = "From: user" + i + "@example.org\r\nTo: " + DESK + "\r\nSubject: Printer " + i
          + " is broken\r\nMessage-ID: <cluster-" + i + "@example.org>\r\nContent-Type: text/plain\r\n\r\nE-42.\r\n";
      desk.deliver(new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII))));
    }

    TicketRepository tickets = nodes.get(0).getBean(TicketRepository.class);
    await(() -> tickets.count() == MAILS && copies(" Response SLA breached").size() == MAILS, Duration.ofMinutes(3));
    Thread.sleep(2_000); // anything sent twice would have arrived by now

    assertThat(tickets.count()).isEqualTo(MAILS);
    assertThat(tickets.findAll()).extracting(t -> t.getRequesterEmail()).doesNotHaveDuplicates();
    assertThat(copies("] We have your request")).hasSize(MAILS).allMatch(n -> n == 1);
    assertThat(copies("] Response due")).hasSize(MAILS).allMatch(n -> n == 1);           // to alice (L1)
    assertThat(copies(" Response SLA breached")).hasSize(MAILS).allMatch(n -> n == 2);  // alice and the lead
    // Which node wins the race for a mail or a job is up to timing; each must have done some.
    // A node that took no mail creates no jobs and is never woken for one: it finds the others'
    // jobs by asking (camunda.bpm.job-execution.max-wait).
    double opened = 0;
    for (int i = 0; i < nodes.size(); i++) {
      MeterRegistry meters = nodes.get(i).getBean(MeterRegistry.class);
      double ticketsOpened = meters.counter("itil.mail.received", "disposition", "NEW_TICKET").count();
      double mails = meters.counter("itil.notifications", "result", "sent").count();
      opened += ticketsOpened;
      assertThat(ticketsOpened + mails).as("node %d: %s tickets opened, %s mails sent", i, ticketsOpened, mails)
          .isPositive();
    }
    assertThat(opened).as("tickets opened by both nodes together").isEqualTo(MAILS);
  }

  /** How many delivered copies each mail with this subject part has, per ticket key. */
  private static List<Integer> copies(String subjectPart) throws Exception {
    Map<String, Integer> perTicket = new HashMap<>();
    for (MimeMessage message : mailServer.getReceivedMessages()) {
      String subject = message.getSubject();
      if (subject != null && subject.contains(subjectPart)) {
        perTicket.merge(subject.substring(0, subject.indexOf(']') + 1), 1, Integer::sum);
      }
    }
    return new ArrayList<>(perTicket.values());
  }

  private static void await(CheckedCondition condition, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.met()) {
      assertThat(System.nanoTime()).as("cluster finished within " + timeout).isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  @FunctionalInterface
  private interface CheckedCondition {
    boolean met() throws Exception;
  }
}
