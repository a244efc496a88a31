package org.itilengine.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.itilengine.AsyncSteps;
import org.itilengine.DeskMail;
import org.itilengine.TestIncidents;
import org.itilengine.TestPorts;
import org.itilengine.connectors.mail.EmbeddedMailServer;
import org.itilengine.connectors.mail.MailboxReaders;
import org.itilengine.incident.IncidentProcess;
import org.itilengine.ticket.Level;
import org.itilengine.ticket.TicketEntry;
import org.itilengine.ticket.TicketRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outbound mail over the real SMTP route (embedded GreenMail): while the mail server is down a
 * notification retries and then shows as a Cockpit incident, and goes out once an operator retries
 * it; a transaction that rolls back sends nothing; a job run again after its node died mails
 * nothing twice. The job executor is off: the test runs the jobs.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:outbound-mail;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "itil.notifications.major-incident-stakeholders=cio@example.org,comms@example.org,typo@@example.org"})
@DirtiesContext
@ContextConfiguration(initializers = TestPorts.class)
class OutboundMailTest {

  @Autowired EmbeddedMailServer mailServer;
  @Autowired MailboxReaders readers;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired TicketRepository tickets;
  @Autowired MailMessageRepository mails;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired ProcessEngine engine;
  @Autowired MeterRegistry meters;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine); // AsyncSteps runs jobs on this context's engine, not another test's
  }

  @Test
  void anAcknowledgementRetriesWhileTheMailServerIsDownThenWaitsInCockpitAndGoesOutWhenRetried() {
    ProcessInstance incident = report("outage@example.org", "Wi-Fi gone");
    String key = incident.getBusinessKey();
    double failedBefore = notifications("failed");
    readers.stop();
    mailServer.stop();
    Job ack = acknowledgement(incident);
    try {
      for (int attempt = 1; ack.getRetries() > 0; attempt++) {
        String jobId = ack.getId();
        assertThatThrownBy(() -> management.executeJob(jobId)).as("attempt %d", attempt)
            .hasMessageContaining(key);
        ack = acknowledgement(incident);
      }
    } finally {
      mailServer.start();
      readers.start();
    }

    Incident waiting = runtime.createIncidentQuery().processInstanceId(incident.getId()).singleResult();
    assertThat(waiting.getActivityId()).isEqualTo(IncidentProcess.Elements.TASK_ACKNOWLEDGE_REQUESTER);
    assertThat(tasks.createTaskQuery().processInstanceId(incident.getId()).count())
        .as("the ticket is worked meanwhile").isOne();
    assertThat(journal(key)).noneMatch(text -> text.startsWith("Mailed"));
    assertThat(mails.findThreadFor(key, "outage@example.org", "outage@example.org")).isEmpty(); // nothing recorded as sent
    assertThat(notifications("failed")).isEqualTo(failedBefore + 5); // one per attempt (R5 in the model)
    double sentBefore = notifications("sent");

    management.setJobRetries(ack.getId(), 1); // what an operator does in Cockpit once the server is back
    AsyncSteps.run(management, incident);

    assertThat(runtime.createIncidentQuery().processInstanceId(incident.getId()).count()).isZero();
    assertThat(new DeskMail(mailServer).mailsTo("outage@example.org")).singleElement()
        .satisfies(mail -> assertThat(mail.getSubject()).startsWith("[" + key + "]").contains("We have your request"));
    assertThat(journal(key)).anyMatch(text -> text.startsWith("Mailed outage@example.org"));
    assertThat(notifications("sent")).isEqualTo(sentBefore + 1);
  }

  @Test
  void aStaffNoticeReachesEveryoneButTheAddressRefusedAndIsRetriedOnlyForThatOne() {
    ProcessInstance incident = TestIncidents.report(runtime, "ceo@example.org", "Payroll system down", Level.HIGH);
    String noticeJob = management.createJobQuery().processInstanceId(incident.getId())
        .activityId(IncidentProcess.Elements.TASK_NOTIFY_MAJOR_INCIDENT_STAKEHOLDERS).singleResult().getId();

    // Its node dies after the mails went out, then the job runs twice more; the typo fails it each time.
    new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
      assertThatThrownBy(() -> management.executeJob(noticeJob)).hasStackTraceContaining("typo@@example.org");
      status.setRollbackOnly();
    });
    for (int run = 1; run <= 2; run++) {
      assertThatThrownBy(() -> management.executeJob(noticeJob)).hasStackTraceContaining("typo@@example.org");
    }

    for (String stakeholder : List.of("cio@example.org", "comms@example.org")) {
      assertThat(new DeskMail(mailServer).mailsTo(stakeholder)).singleElement()
          .satisfies(mail -> assertThat(mail.getSubject()).isEqualTo("[" + incident.getBusinessKey()
              + "] Major incident: Payroll system down"));
    }
    assertThat(management.createJobQuery().jobId(noticeJob).singleResult().getRetries())
        .as("on to a Cockpit incident, for the typo only").isLessThan(5);
  }

  @Test
  void aMailReferencesNothingSomeoneElseWroteOnTheTicket() throws Exception {
    ProcessInstance incident = report("refs@example.org", "Keyboard sticks");
    String key = incident.getBusinessKey();
    Instant now = Instant.now();
    mails.save(new MailMessage("<hers@example.org>", MailDirection.IN, key, "service-desk", "refs@example.org",
        MailDisposition.REPLY, now));
    mails.save(new MailMessage("<note@elsewhere.example>", MailDirection.IN, key, "service-desk",
        "stranger@elsewhere.example", MailDisposition.NOT_KEPT, now)); // e.g. kept as a note on the ticket

    AsyncSteps.run(management, incident);

    assertThat(new DeskMail(mailServer).mailsTo("refs@example.org")).singleElement()
        .satisfies(ack -> assertThat(ack.getHeader("References", " ")).contains("<hers@example.org>")
            .doesNotContain("elsewhere.example"));
  }

  /** Prometheus: itil_notifications_total{result="sent|failed"}. */
  private double notifications(String result) {
    return meters.counter("itil.notifications", "result", result).count();
  }

  @Test
  void aResolutionRolledBackWithItsTransactionSendsNothing() {
    ProcessInstance incident = report("rollback@example.org", "Docking station");
    AsyncSteps.run(management, incident);
    Task triage = tasks.createTaskQuery().processInstanceId(incident.getId()).singleResult();
    tasks.claim(triage.getId(), "alice");

    assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
      tasks.complete(triage.getId(),
          TestIncidents.resolution("Hardware / Peripheral", "Replaced the power supply of the dock."));
      throw new IllegalStateException("the agent's request failed after the task was completed");
    })).hasMessageContaining("failed after the task was completed");
    AsyncSteps.run(management, incident);

    assertThat(tasks.createTaskQuery().processInstanceId(incident.getId()).singleResult().getId())
        .isEqualTo(triage.getId());
    assertThat(new DeskMail(mailServer).mailsTo("rollback@example.org")).extracting(m -> DeskMail.subject(m))
        .singleElement().asString().contains("We have your request"); // the acknowledgement, no resolution
    assertThat(journal(incident.getBusinessKey())).noneMatch(text -> text.contains("Resolved"));
  }

  @Test
  void aJobRunAgainAfterItsNodeDiedDoesNotMailTwice() {
    ProcessInstance incident = report("once@example.org", "Headset crackles");
    String ackJob = acknowledgement(incident).getId();

    // The job mails, then its node dies before the commit: nothing of the job's transaction stays.
    new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
      management.executeJob(ackJob);
      status.setRollbackOnly();
    });
    assertThat(acknowledgement(incident).getId()).isEqualTo(ackJob);
    assertThat(new DeskMail(mailServer).mailsTo("once@example.org")).hasSize(1);

    management.executeJob(ackJob); // another node takes the job once its lock has expired

    assertThat(acknowledgement(incident)).isNull();
    assertThat(new DeskMail(mailServer).mailsTo("once@example.org")).hasSize(1);
    assertThat(mails.findThreadFor(incident.getBusinessKey(), "once@example.org", "once@example.org")).hasSize(1); // threading knows it
    assertThat(journal(incident.getBusinessKey())).filteredOn(text -> text.startsWith("Mailed once@example.org"))
        .hasSize(1);
  }

  private ProcessInstance report(String requester, String title) {
    return TestIncidents.report(runtime, requester, title);
  }

  private Job acknowledgement(ProcessInstance incident) {
    return management.createJobQuery().processInstanceId(incident.getId())
        .activityId(IncidentProcess.Elements.TASK_ACKNOWLEDGE_REQUESTER).singleResult();
  }

  private List<String> journal(String key) {
    return tickets.findWithJournalByKey(key).orElseThrow().getJournal().stream().map(TicketEntry::getText).toList();
  }
}
