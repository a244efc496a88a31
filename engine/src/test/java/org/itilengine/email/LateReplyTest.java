package org.itilengine.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.itilengine.AsyncSteps;
import org.itilengine.DeskMail;
import org.itilengine.TestIncidents;
import org.itilengine.TestPorts;
import org.itilengine.connectors.mail.InboundMailHandler.Outcome;
import org.itilengine.connectors.mail.MailParser;
import org.itilengine.connectors.mail.ParsedMail;
import org.itilengine.incident.IncidentProcess;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketEntry;
import org.itilengine.ticket.TicketRepository;
import org.itilengine.ticket.TicketStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A reply to a closed incident: within itil.email.reply-window (30 days) it is kept on the closed
 * ticket; later it opens a new incident that follows up the old one. The engine's clock is moved,
 * so the job executor is off (no timer fires meanwhile) and the mail is handed to the desk directly.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:late-reply;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"})
@DirtiesContext
@ContextConfiguration(initializers = TestPorts.class)
class LateReplyTest {

  private final MailParser parser = new MailParser(1_000_000, 1_000_000);

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired TicketRepository tickets;
  @Autowired MailMessageRepository mails;
  @Autowired EmailIntake intake;
  @Autowired PlatformTransactionManager transactionManager;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aReplyWithinTheWindowIsKeptOnTheClosedTicketALaterOneOpensAFollowUp() throws Exception {
    String key = closedIncident("late@example.org");

    ParsedMail soon = replyIn(Duration.ofDays(1), key, "One more thing: it worked all week.");
    assertThat(mails.findByMessageId(soon.messageId()).orElseThrow().getDisposition()).isEqualTo(MailDisposition.REPLY);
    assertThat(tickets.findWithJournalByKey(key).orElseThrow().getJournal())
        .anyMatch(e -> e.getKind() == EntryKind.PUBLIC_REPLY && e.getText().startsWith("One more thing"));

    ParsedMail late = replyIn(Duration.ofDays(40), key, "The same printer jams again.");
    MailMessage recorded = mails.findByMessageId(late.messageId()).orElseThrow();
    assertThat(recorded.getDisposition()).isEqualTo(MailDisposition.NEW_TICKET);
    Ticket followUp = tickets.findWithJournalByKey(recorded.getTicketKey()).orElseThrow();
    assertThat(followUp.getRelatedTicketKey()).isEqualTo(key);
    assertThat(followUp.getDescription()).isEqualTo("The same printer jams again.");
    assertThat(followUp.getJournal()).extracting(TicketEntry::getText).contains("Follows up " + key);
    Ticket old = tickets.findWithJournalByKey(key).orElseThrow();
    assertThat(old.getStatus()).isEqualTo(TicketStatus.CLOSED);
    assertThat(old.getJournal()).noneMatch(e -> e.getText().contains("jams again"));
  }

  @Test
  void aWatchersComplaintOnAClosedTicketOpensAFollowUpForThem() throws Exception {
    String key = closedIncident("late@example.org");
    new TransactionTemplate(transactionManager).executeWithoutResult(
        status -> tickets.findByKey(key).orElseThrow().addWatcher("colleague@example.org"));

    ParsedMail complaint = replyIn(Duration.ofDays(1), "colleague@example.org", key, "It broke again on my PC.");

    MailMessage recorded = mails.findByMessageId(complaint.messageId()).orElseThrow();
    assertThat(recorded.getDisposition()).isEqualTo(MailDisposition.NEW_TICKET);
    Ticket followUp = tickets.findByKey(recorded.getTicketKey()).orElseThrow();
    assertThat(followUp.getRelatedTicketKey()).isEqualTo(key);
    assertThat(followUp.getRequesterEmail()).isEqualTo("colleague@example.org");
  }

  /** Reported, resolved by alice and confirmed: closed now. */
  private String closedIncident(String requester) {
    ProcessInstance incident = TestIncidents.report(runtime, requester, "Printer jams");
    AsyncSteps.run(engine.getManagementService(), incident);
    Task triage = tasks.createTaskQuery().processInstanceId(incident.getId()).singleResult();
    tasks.claim(triage.getId(), "alice");
    tasks.complete(triage.getId(), TestIncidents.resolution("Hardware / Printer", "Cleaned the rollers of tray 2."));
    AsyncSteps.run(engine.getManagementService(), incident);
    runtime.createMessageCorrelation(IncidentProcess.MESSAGE_RESOLUTION_CONFIRMED).processInstanceId(incident.getId())
        .setVariable(IncidentProcess.REQUESTER_CONFIRMED.name(), true).correlate();
    assertThat(tickets.findByKey(incident.getBusinessKey()).orElseThrow().getStatus()).isEqualTo(TicketStatus.CLOSED);
    return incident.getBusinessKey();
  }

  /** The requester's reply quoting the key, arriving this long after now. */
  private ParsedMail replyIn(Duration later, String key, String text) throws Exception {
    return replyIn(later, "late@example.org", key, text);
  }

  private ParsedMail replyIn(Duration later, String from, String key, String text) throws Exception {
    Instant then = Instant.now().plus(later);
    ClockUtil.setCurrentTime(Date.from(then));
    ParsedMail reply = parser.parse(DeskMail.mail(from, DeskMail.DESK, "Re: [" + key + "] Resolved", text)
        .getBytes(StandardCharsets.UTF_8));
    assertThat(intake.handle("service-desk", reply, then)).isEqualTo(Outcome.PROCESSED);
    return reply;
  }
}
