package org.itilengine.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.itilengine.incident.IncidentProcess.*;
import static org.itilengine.incident.IncidentProcess.Elements.*;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.itilengine.AsyncSteps;
import org.itilengine.TestPorts;
import org.itilengine.ticket.ConfigurationItem;
import org.itilengine.ticket.ConfigurationItemRepository;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Level;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketEntry;
import org.itilengine.ticket.TicketRepository;
import org.itilengine.ticket.TicketStatus;
import org.itilengine.ticket.Tier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ContextConfiguration;

/**
 * Every path of incident.bpmn on the real engine, delegates and ticket tables (in-memory H2), with
 * the job executor off so each timer and async step is executed by the test. The coverage report
 * lands in target/process-test-coverage; the class must cover at least 90 % of the model.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:incident-process-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "itil.notifications.endpoint=mock:notifications",
    "itil.notifications.major-incident-stakeholders=cio@example.org,comms@example.org",
    "itil.notifications.escalation-recipients=desk-lead@example.org"})
@Import(ProcessEngineCoverageConfiguration.class)
@ContextConfiguration(initializers = TestPorts.class)
class IncidentProcessTest {

  @TestConfiguration
  static class Coverage {
    @Bean
    @Primary
    ProcessEngineCoverageProperties incidentCoverage() {
      return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(0.9).build();
    }
  }

  private static final String NOTE = "Checked the VPN client logs; the tunnel fails at the IKE phase.";
  private static final String RESOLUTION = "Replaced the expired VPN certificate; the tunnel comes up again.";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired TicketRepository ticketRows;
  @Autowired ConfigurationItemRepository configurationItems;
  @Autowired CamelContext camel;
  @Autowired MeterRegistry meters;

  MockEndpoint notifications;

  @BeforeEach
  void setUp() {
    init(engine);
    notifications = camel.getEndpoint("mock:notifications", MockEndpoint.class);
    notifications.reset();
    notifications.whenAnyExchangeReceived(exchange -> { }); // the mail server works, unless a test says otherwise
  }

  @Test
  void l1ResolvesAndTheRequesterConfirms() {
    ProcessInstance incident = report(Level.MEDIUM, Level.MEDIUM);

    assertThat(incident).isWaitingAt(TASK_TRIAGE).task().hasCandidateGroup("service-desk-l1");
    assertThat(ticket(incident).getPriority()).hasToString("P3");
    assertThat(ticket(incident).getStatus()).isEqualTo(TicketStatus.NEW);

    work(incident, "alice", resolve("Network / VPN"));

    assertThat(incident).isWaitingAt(GATEWAY_AWAIT_CONFIRMATION);
    Ticket resolved = ticket(incident);
    assertThat(resolved.getStatus()).isEqualTo(TicketStatus.RESOLVED);
    assertThat(resolved.getCaseOwner()).isEqualTo("alice");
    assertThat(resolved.getFirstResponseAt()).isNotNull();
    assertThat(resolved.getCategory()).isEqualTo("Network");
    assertThat(resolved.getSubcategory()).isEqualTo("VPN");
    assertThat(resolved.getAssignmentGroup()).isEqualTo("service-desk-l1");

    answer(incident, MESSAGE_RESOLUTION_CONFIRMED, Variables.createVariables()
        .putValue(REQUESTER_CONFIRMED.name(), true).putValue(SATISFACTION_SCORE.name(), 4));

    assertThat(incident).hasPassed(END_INCIDENT_CLOSED).isEnded();
    assertThat(ticket(incident).getSatisfactionScore()).isEqualTo(4);
    Ticket closed = ticket(incident);
    assertThat(closed.getStatus()).isEqualTo(TicketStatus.CLOSED);
    assertThat(closed.getClosureCode()).isEqualTo(CloseIncident.CONFIRMED_BY_REQUESTER);
    assertThat(closed.getResolutionCode()).isEqualTo("FIXED");
    assertThat(closed.getResolvedTier()).isEqualTo(Tier.L1);
    assertThat(closed.getFirstContactResolution()).isTrue();
    assertThat(closed.getClosedAt()).isNotNull();
    assertThat(closed.getJournal()).extracting(TicketEntry::getKind, TicketEntry::getAuthor, TicketEntry::getText)
        .contains(org.assertj.core.groups.Tuple.tuple(EntryKind.PUBLIC_REPLY, "alice", RESOLUTION));
  }

  @Test
  void completingATaskCannotPointItsProcessAtAnotherTicket() {
    ProcessInstance mine = report(Level.MEDIUM, Level.MEDIUM);
    ProcessInstance someoneElses = report(Level.MEDIUM, Level.MEDIUM);
    String otherKey = ticket(someoneElses).getKey();

    // Any variable can be written on completion, also through the REST API: the steps go by the
    // instance's business key, never by a ticketKey an agent sent.
    work(mine, "alice", resolve("Network / VPN").putValue(TICKET_KEY.name(), otherKey));

    assertThat(ticket(mine).getStatus()).isEqualTo(TicketStatus.RESOLVED);
    assertThat(ticket(mine).getCaseOwner()).isEqualTo("alice");
    Ticket untouched = ticket(someoneElses);
    assertThat(untouched.getStatus()).isEqualTo(TicketStatus.NEW);
    assertThat(untouched.getCaseOwner()).isNull();
    assertThat(untouched.getCategory()).isNull();
    assertThat(someoneElses).isWaitingAt(TASK_TRIAGE);
  }

  @Test
  void aMailStartsTheSameFlowAndTheAcknowledgementAnswersIt() {
    VariableMap variables = reportVariables(Level.MEDIUM, Level.MEDIUM);
    REQUESTER_MESSAGE_ID.putIn(variables, "<her-first-mail@example.org>");
    ProcessInstance incident = runtime.createMessageCorrelation(MESSAGE_INCIDENT_REPORTED)
        .setVariables(variables).correlateStartMessage();

    assertThat(incident).hasPassed("StartEvent_IncidentReportedByMail")
        .isWaitingAt(TASK_ACKNOWLEDGE_REQUESTER, TASK_TRIAGE); // the work does not wait for the mail
    execute(job(incident, TASK_ACKNOWLEDGE_REQUESTER));

    assertThat(incident).isWaitingAt(TASK_TRIAGE);
    Exchange acknowledgement = lastNotification();
    assertThat(recipients(acknowledgement)).containsExactly("jane.doe@example.org");
    assertThat(subject(acknowledgement)).isEqualTo("[" + ticket(incident).getKey() + "] We have your request: "
        + ticket(incident).getTitle());
    assertThat(acknowledgement.getIn().getHeader("In-Reply-To", String.class)).isEqualTo("<her-first-mail@example.org>");
    assertThat(ticket(incident).getJournal()).extracting(TicketEntry::getText)
        .anyMatch(text -> text.startsWith("Mailed jane.doe@example.org: [" + ticket(incident).getKey() + "]"));
  }

  @Test
  void escalatesFromL1ToL2ToL3ToTheVendorWithHandOffNotes() {
    ProcessInstance incident = report(Level.MEDIUM, Level.LOW);

    work(incident, "alice", escalate("Alice: " + NOTE));
    assertThat(incident).isWaitingAt(TASK_INVESTIGATE_L2).task().hasCandidateGroup("service-desk-l2");
    assertThat(runtime.getVariable(incident.getId(), PREVIOUS_HAND_OFF_NOTE.name()).toString()).contains("Alice: ");
    assertThat(runtime.getVariable(incident.getId(), HAND_OFF_NOTE.name())).isNull();

    work(incident, "bob", escalate("Bob: " + NOTE));
    assertThat(incident).isWaitingAt(TASK_INVESTIGATE_L3).task().hasCandidateGroup("service-desk-l3");
    assertThat(runtime.getVariable(incident.getId(), PREVIOUS_HAND_OFF_NOTE.name()).toString())
        .as("latest first, the earlier tiers' below").startsWith("Bob: ").contains("(bob, L2)\n\nAlice: ");

    work(incident, "carol", escalate("Carol: " + NOTE));
    assertThat(incident).isWaitingAt(TASK_ENGAGE_VENDOR).task().hasCandidateGroup("service-desk-l3");
    assertThat(ticket(incident).getTier()).isEqualTo(Tier.VENDOR);

    work(incident, "carol", resolve("Network / VPN").putValue(RESOLUTION_CODE.name(), "VENDOR_FIX"));
    answer(incident, MESSAGE_RESOLUTION_CONFIRMED, Variables.createVariables().putValue(REQUESTER_CONFIRMED.name(), true));

    Ticket closed = ticket(incident);
    assertThat(closed.getEscalationCount()).isEqualTo(3);
    assertThat(closed.getResolvedTier()).isEqualTo(Tier.VENDOR);
    assertThat(closed.getFirstContactResolution()).isFalse();
    assertThat(closed.getJournal()).filteredOn(e -> e.getKind() == EntryKind.HAND_OFF)
        .extracting(TicketEntry::getAuthor).containsExactly("alice", "bob", "carol");
  }

  @Test
  void l1AsksTheRequesterAndPicksTheIncidentUpAgainWithTheAnswer() {
    ProcessInstance incident = report(Level.MEDIUM, Level.MEDIUM);

    work(incident, "alice", Variables.createVariables().putValue(CATEGORY_PATH.name(), "Network / VPN")
        .putValue(OUTCOME.name(), "ASK_REQUESTER").putValue(QUESTION_TO_REQUESTER.name(), "Which VPN client version?"));

    assertThat(incident).isWaitingAt(Elements.GATEWAY_AWAIT_REQUESTER_ANSWER);
    assertThat(ticket(incident).getStatus()).isEqualTo(TicketStatus.PENDING_REQUESTER);
    assertThat(subject(lastNotification())).startsWith("[" + ticket(incident).getKey() + "] A question");
    assertThat(lastNotification().getIn().getHeader(org.apache.camel.component.mail.MailConstants.MAIL_ALTERNATIVE_BODY,
        String.class)).contains("Which VPN client version?");

    Instant dueBefore = ticket(incident).getResolutionDueAt();
    // Four days without an answer, past the P3 target of three: the resolution timers stand still.
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(4))));
    try {
      for (String timer : List.of(TIMER_RESOLUTION_SLA, Elements.TIMER_RESOLUTION_SLA_WARNING)) {
        assertThat(management.createJobQuery().processInstanceId(incident.getId()).activityId(timer).suspended()
            .singleResult().getDuedate()).as(timer).isBefore(ClockUtil.getCurrentTime());
        assertThat(management.createJobQuery().processInstanceId(incident.getId()).activityId(timer).active()
            .count()).as("not acquired: " + timer).isZero();
      }
      answer(incident, MESSAGE_REQUESTER_ANSWERED,
          Variables.createVariables().putValue(REQUESTER_ANSWER.name(), "Version 5.2 on Windows 11."));
    } finally {
      ClockUtil.reset();
    }

    // The clock stood still while we waited: the resolution target and its timer moved by that time.
    Instant dueAfter = ticket(incident).getResolutionDueAt();
    assertThat(Duration.between(dueBefore, dueAfter)).isBetween(Duration.ofMinutes(4 * 24 * 60 - 1),
        Duration.ofMinutes(4 * 24 * 60 + 1));
    assertThat(job(incident, TIMER_RESOLUTION_SLA).getDuedate().toInstant()).isEqualTo(dueAfter);
    assertThat(management.createJobQuery().processInstanceId(incident.getId()).suspended().count()).isZero();
    assertThat(ticket(incident).isResolutionBreached()).isFalse();
    // Back to the agent who asked, still in the group's view.
    assertThat(incident).isWaitingAt(TASK_TRIAGE).task().isAssignedTo("alice").hasCandidateGroupAssociated("service-desk-l1");
    assertThat(ticket(incident).getStatus()).isEqualTo(TicketStatus.IN_PROGRESS);
    assertThat(runtime.getVariable(incident.getId(), REQUESTER_ANSWER.name())).isEqualTo("Version 5.2 on Windows 11.");
    assertThat(ticket(incident).getJournal()).extracting(TicketEntry::getKind, TicketEntry::getText)
        .contains(org.assertj.core.groups.Tuple.tuple(EntryKind.PUBLIC_REPLY, "Which VPN client version?"));
  }

  @Test
  void withoutAnAnswerInTimeTheIncidentIsBackWithTheAgentWhoAsked() {
    ProcessInstance incident = report(Level.MEDIUM, Level.MEDIUM);
    work(incident, "alice", Variables.createVariables().putValue(CATEGORY_PATH.name(), "Network / VPN")
        .putValue(OUTCOME.name(), "ASK_REQUESTER").putValue(QUESTION_TO_REQUESTER.name(), "Which VPN client version?"));
    Instant dueBefore = ticket(incident).getResolutionDueAt();
    Job silence = job(incident, Elements.TIMER_REQUESTER_SILENT);
    assertThat(Duration.between(Instant.now(), silence.getDuedate().toInstant()))
        .isBetween(Duration.ofDays(3).minusMinutes(1), Duration.ofDays(3));

    ClockUtil.setCurrentTime(silence.getDuedate());
    try {
      management.executeJob(silence.getId());
    } finally {
      ClockUtil.reset();
    }

    assertThat(incident).isWaitingAt(TASK_TRIAGE).task().isAssignedTo("alice");
    assertThat(runtime.getVariable(incident.getId(), REQUESTER_ANSWER.name()))
        .isEqualTo("(No answer from the requester in 3 days)");
    Ticket back = ticket(incident);
    assertThat(back.getStatus()).isEqualTo(TicketStatus.IN_PROGRESS);
    assertThat(Duration.between(dueBefore, back.getResolutionDueAt())).as("the clock stood still")
        .isBetween(Duration.ofDays(3).minusMinutes(1), Duration.ofDays(3).plusMinutes(1));
    assertThat(back.getJournal()).extracting(TicketEntry::getText)
        .contains("No answer from the requester in 3 days; back to the agent who asked");
    assertThat(management.createJobQuery().processInstanceId(incident.getId()).suspended().count()).isZero();
  }

  @Test
  void anAgentMailsTheRequesterAnUpdateAndKeepsWorkingOnTheIncident() {
    ProcessInstance incident = report(Level.MEDIUM, Level.MEDIUM);
    Task triage = task(incident);
    tasks.claim(triage.getId(), "alice");
    assertThatThrownBy(() -> tasks.complete(triage.getId(), update("Soon.")))
        .hasRootCauseInstanceOf(NotValidException.class).hasMessageContaining("update for the requester");
    String update = "We are replacing the VPN certificate; expect a fix by noon.";

    work(incident, "alice", update(update));

    assertThat(incident).isWaitingAt(TASK_TRIAGE).task().isAssignedTo("alice").hasCandidateGroupAssociated("service-desk-l1");
    assertThat(ticket(incident).getStatus()).isEqualTo(TicketStatus.IN_PROGRESS);
    assertThat(ticket(incident).getJournal()).extracting(TicketEntry::getKind, TicketEntry::getAuthor, TicketEntry::getText)
        .contains(org.assertj.core.groups.Tuple.tuple(EntryKind.PUBLIC_REPLY, "alice", update));
    assertThat(runtime.getVariable(incident.getId(), AGENT_REPLY.name())).as("the next form starts blank").isNull();
    assertThat(runtime.getVariable(incident.getId(), OUTCOME.name())).as("no outcome chosen yet").isNull();
    for (Job mail = requesterMailJob(incident); mail != null; mail = requesterMailJob(incident)) {
      execute(mail);
    }
    assertThat(subject(lastNotification())).startsWith("[" + ticket(incident).getKey() + "] ");
    assertThat(lastNotification().getIn().getHeader(org.apache.camel.component.mail.MailConstants.MAIL_ALTERNATIVE_BODY,
        String.class)).contains(update).contains("Alice Ahlberg");

    // Escalating afterwards hands the incident to the next tier's queue, not to alice.
    work(incident, "alice", escalate(NOTE));
    assertThat(incident).isWaitingAt(TASK_INVESTIGATE_L2).task().isNotAssigned();
  }

  /** Instances still running on a version from before the update outcome refuse it with a clear message. */
  @Test
  void anIncidentOnAnOlderVersionOfTheProcessRefusesTheUpdateOutcome() throws Exception {
    // That version had no update-only gateway: give it another id (the model API moves its flows along).
    onAnEarlierVersion(older -> ((BaseElement) older.getModelElementById(GATEWAY_UPDATE_ONLY)).setId("Gateway_BeforeUpdates"),
        Level.LOW, incident -> {
          Task triage = task(incident);
          tasks.claim(triage.getId(), "alice");

          assertThatThrownBy(() -> tasks.complete(triage.getId(), update("We are replacing the certificate today.")))
              .hasRootCauseInstanceOf(NotValidException.class).hasMessageContaining("older version of the process");
          assertThat(incident).isWaitingAt(TASK_TRIAGE);
          assertThat(ticket(incident).getJournal()).extracting(TicketEntry::getKind).doesNotContain(EntryKind.PUBLIC_REPLY);
        });
  }

  /**
   * Every job is dated, the acknowledgement at once; the backlog gauge counts what the job executor
   * would take now: not the waiting SLA timers, not the jobs of a suspended instance.
   */
  @Test
  void theJobBacklogGaugeCountsTheJobsThatAreDue() {
    double before = dueJobsGauge();
    ProcessInstance incident = runtime.startProcessInstanceByKey(KEY, reportVariables(Level.LOW, Level.LOW));
    Job acknowledgement = job(incident, TASK_ACKNOWLEDGE_REQUESTER);
    assertThat(acknowledgement.getDuedate()).isNotNull();
    assertThat(dueJobsGauge()).isEqualTo(before + 1);

    runtime.suspendProcessInstanceById(incident.getId());
    assertThat(dueJobsGauge()).isEqualTo(before);
    runtime.activateProcessInstanceById(incident.getId());

    AsyncSteps.run(management, incident);
    assertThat(management.createJobQuery().processInstanceId(incident.getId()).timers().count())
        .as("SLA timers waiting").isPositive();
    assertThat(dueJobsGauge()).isEqualTo(before);
  }

  private double dueJobsGauge() {
    return meters.get("itil.jobs.due").gauge().value();
  }

  private static VariableMap update(String text) {
    return Variables.createVariables()
        .putValue(CATEGORY_PATH.name(), "Network / VPN")
        .putValue(OUTCOME.name(), "UPDATE_REQUESTER")
        .putValue(AGENT_REPLY.name(), text);
  }

  @Test
  void theRequesterLearnsWhoTookTheCaseOncePerNewOwner() {
    ProcessInstance incident = report(Level.LOW, Level.MEDIUM);
    Task triage = task(incident);

    tasks.claim(triage.getId(), "alice");
    execute(requesterMailJob(incident));
    assertThat(subject(lastNotification())).isEqualTo("[" + ticket(incident).getKey()
        + "] Alice Ahlberg is working on your incident: " + ticket(incident).getTitle());
    assertThat(recipients(lastNotification())).containsExactly("jane.doe@example.org");

    tasks.setAssignee(triage.getId(), null);
    tasks.claim(triage.getId(), "alice");
    assertThat(requesterMailJob(incident)).as("same owner again: no second mail").isNull();
  }

  /** A pending requester-mail job for this incident's ticket, if any. */
  private Job requesterMailJob(ProcessInstance incident) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(RequesterMail.PROCESS_KEY)
        .processInstanceBusinessKey(ticket(incident).getKey()).list().stream()
        .map(mail -> management.createJobQuery().processInstanceId(mail.getId()).singleResult())
        .findFirst().orElse(null);
  }

  @Test
  void anEscalationWithoutAUsefulHandOffNoteIsRefused() {
    ProcessInstance incident = report(Level.LOW, Level.LOW);
    Task triage = task(incident);
    tasks.claim(triage.getId(), "alice");

    assertThatThrownBy(() -> tasks.complete(triage.getId(), escalate("see above")))
        .hasRootCauseInstanceOf(NotValidException.class).hasMessageContaining("hand-off note");
    assertThatThrownBy(() -> tasks.complete(triage.getId(), resolve("Not / In catalog")))
        .hasRootCauseInstanceOf(NotValidException.class).hasMessageContaining("category");
    assertThatThrownBy(() -> tasks.complete(triage.getId(), resolve("Network / VPN").putValue(RESOLUTION_NOTES.name(), "ok")))
        .hasRootCauseInstanceOf(NotValidException.class).hasMessageContaining("Resolution notes");

    assertThat(incident).isWaitingAt(TASK_TRIAGE);
    assertThat(ticket(incident).getTier()).isEqualTo(Tier.L1);
  }

  @Test
  void theVendorIsTheLastTier() {
    ProcessInstance incident = report(Level.LOW, Level.LOW);
    work(incident, "alice", escalate(NOTE));
    work(incident, "bob", escalate(NOTE));
    work(incident, "carol", escalate(NOTE));
    Task vendor = task(incident);
    tasks.claim(vendor.getId(), "carol");

    assertThatThrownBy(() -> tasks.complete(vendor.getId(), escalate(NOTE)))
        .hasRootCauseInstanceOf(NotValidException.class).hasMessageContaining("last tier");
  }

  @Test
  void aP1IsAMajorIncidentThatGoesStraightToL2() throws Exception {
    ProcessInstance incident = runtime.startProcessInstanceByKey(KEY, reportVariables(Level.HIGH, Level.HIGH));
    assertThat(incident).hasPassed(TASK_DECLARE_MAJOR_INCIDENT)
        .isWaitingAt(TASK_ACKNOWLEDGE_REQUESTER, TASK_NOTIFY_MAJOR_INCIDENT_STAKEHOLDERS, TASK_INVESTIGATE_L2)
        .task().hasCandidateGroup("service-desk-l2");
    Ticket ticket = ticket(incident);
    assertThat(ticket.isMajorIncident()).isTrue();
    assertThat(ticket.getPriority()).hasToString("P1");
    assertThat(java.time.Duration.between(ticket.getOpenedAt(), ticket.getResponseDueAt())).hasMinutes(15);

    AsyncSteps.run(management, incident);
    assertThat(notifications.getExchanges()).extracting(IncidentProcessTest::recipients)
        .containsExactlyInAnyOrder(List.of("jane.doe@example.org"), List.of("cio@example.org"), List.of("comms@example.org"));
    assertThat(ticket(incident).getJournal()).extracting(TicketEntry::getText)
        .contains("Mailed cio@example.org: [" + ticket.getKey() + "] Major incident: " + ticket.getTitle(),
            "Mailed comms@example.org: [" + ticket.getKey() + "] Major incident: " + ticket.getTitle());

    work(incident, "bob", resolve("Network / Internet access"));
    assertThat(ticket(incident).getFirstContactResolution()).isNull();
    execute(job(incident, TIMER_AUTO_CLOSE));
    assertThat(ticket(incident).getFirstContactResolution()).isFalse();
  }

  @Test
  void responseSlaWarnsTheGroupThenRecordsTheBreachAndEscalatesToTheLead() throws Exception {
    double warningsBefore = meters.counter("itil.sla.events", "event", "RESPONSE_WARNING").count();
    double breachesBefore = meters.counter("itil.sla.breaches", "sla", "RESPONSE", "priority", "P3").count();
    ProcessInstance incident = report(Level.MEDIUM, Level.MEDIUM);
    Job warning = job(incident, TIMER_RESPONSE_SLA_WARNING);
    assertThat(warning.getDuedate()).isEqualTo(runtime.getVariable(incident.getId(), RESPONSE_WARNING_AT.name()));

    execute(warning);
    execute(job(incident, TASK_WARN_RESPONSE_SLA));
    assertThat(recipients(lastNotification())).containsExactly("alice@example.org");

    execute(job(incident, TIMER_RESPONSE_SLA));
    Ticket breached = ticket(incident);
    assertThat(breached.isResponseBreached()).isTrue();
    assertThat(breached.getJournal()).extracting(TicketEntry::getText).anyMatch(t -> t.startsWith("Response SLA breached"));

    int before = notifications.getExchanges().size();
    execute(job(incident, TASK_NOTIFY_RESPONSE_SLA_BREACH));
    assertThat(notifications.getExchanges().subList(before, notifications.getExchanges().size()))
        .extracting(IncidentProcessTest::recipients)
        .containsExactly(List.of("alice@example.org"), List.of("desk-lead@example.org"));
    assertThat(incident).isWaitingAt(TASK_TRIAGE);
    // Prometheus: itil_sla_events_total{event="RESPONSE_WARNING"}, itil_sla_breaches_total{sla="RESPONSE",...}
    assertThat(meters.counter("itil.sla.events", "event", "RESPONSE_WARNING").count()).isEqualTo(warningsBefore + 1);
    assertThat(meters.counter("itil.sla.breaches", "sla", "RESPONSE", "priority", "P3").count())
        .isEqualTo(breachesBefore + 1);
  }

  @Test
  void responseSlaTimersStaySilentOnceAnAgentHasResponded() {
    ProcessInstance incident = report(Level.MEDIUM, Level.MEDIUM);
    tasks.claim(task(incident).getId(), "alice");

    execute(job(incident, TIMER_RESPONSE_SLA_WARNING));
    execute(job(incident, TIMER_RESPONSE_SLA));

    assertThat(incident).hasPassed("EndEvent_RespondedBeforeWarning", "EndEvent_RespondedBeforeDue")
        .isWaitingAt(TASK_TRIAGE);
    assertThat(ticket(incident).isResponseBreached()).isFalse();
    assertThat(notifications.getExchanges()).extracting(IncidentProcessTest::recipients)
        .containsOnly(List.of("jane.doe@example.org")); // the acknowledgement, no SLA mail
  }

  @Test
  void resolutionSlaWarnsTheOwnerThenEscalatesOneTierWithANewTarget() {
    ProcessInstance incident = report(Level.LOW, Level.MEDIUM);
    tasks.claim(task(incident).getId(), "alice");
    Date firstTarget = (Date) runtime.getVariable(incident.getId(), RESOLUTION_DUE_AT.name());

    execute(job(incident, TIMER_RESOLUTION_SLA_WARNING));
    execute(job(incident, TASK_WARN_RESOLUTION_SLA));
    assertThat(recipients(lastNotification())).containsExactly("alice@example.org");

    execute(job(incident, TIMER_RESOLUTION_SLA));
    assertThat(incident).isWaitingAt("Task_ApologiseForBreach", TASK_INVESTIGATE_L2);
    execute(job(incident, "Task_ApologiseForBreach"));

    assertThat(incident).isWaitingAt(TASK_INVESTIGATE_L2).task().hasCandidateGroup("service-desk-l2");
    Ticket ticket = ticket(incident);
    assertThat(recipients(lastNotification())).containsExactly("jane.doe@example.org");
    assertThat(subject(lastNotification())).startsWith("[" + ticket.getKey() + "] We are late");
    assertThat(lastNotification().getIn().getBody(String.class)).contains("new target");
    assertThat(ticket.isResolutionBreached()).isTrue();
    assertThat(ticket.getTier()).isEqualTo(Tier.L2);
    assertThat(ticket.getCaseOwner()).isNull();
    assertThat(ticket.getJournal()).filteredOn(e -> e.getKind() == EntryKind.HAND_OFF)
        .extracting(TicketEntry::getAuthor).containsExactly("sla-monitor");
    Date newTarget = (Date) runtime.getVariable(incident.getId(), RESOLUTION_DUE_AT.name());
    assertThat(newTarget).isAfter(firstTarget);
    assertThat(job(incident, TIMER_RESOLUTION_SLA).getDuedate()).isEqualTo(newTarget);
  }

  @Test
  void aMailServerOutageHoldsUpNoWork() {
    notifications.whenAnyExchangeReceived(exchange -> {
      throw new IllegalStateException("421 mail server unavailable");
    });
    ProcessInstance incident = runtime.startProcessInstanceByKey(KEY, reportVariables(Level.HIGH, Level.HIGH));

    for (String mail : List.of(TASK_ACKNOWLEDGE_REQUESTER, TASK_NOTIFY_MAJOR_INCIDENT_STAKEHOLDERS)) {
      Job job = job(incident, mail);
      assertThatThrownBy(() -> management.executeJob(job.getId())).hasStackTraceContaining("421");
      assertThat(job(incident, mail).getRetries()).as("retried later, then a Cockpit incident").isEqualTo(4);
    }
    assertThat(incident).isWaitingAt(TASK_INVESTIGATE_L2).task().hasCandidateGroup("service-desk-l2");
    assertThat(ticket(incident).getAssignmentGroup()).as("in the group's queue").isEqualTo("service-desk-l2");
    assertThat(job(incident, TIMER_RESPONSE_SLA)).as("the SLA clock runs").isNotNull();

    execute(job(incident, TIMER_RESOLUTION_SLA));
    assertThat(incident).as("nor does the apology hold up the next tier")
        .isWaitingAt("Task_ApologiseForBreach", TASK_INVESTIGATE_L3);
  }

  @Test
  void anAcknowledgementHeldUpUntilTheIncidentWasResolvedIsNotSent() {
    ProcessInstance incident = runtime.startProcessInstanceByKey(KEY, reportVariables(Level.MEDIUM, Level.MEDIUM));
    Task triage = task(incident); // resolved on the phone while the mail server was down
    tasks.claim(triage.getId(), "alice");
    tasks.complete(triage.getId(), resolve("Network / VPN"));

    AsyncSteps.run(management, incident);

    assertThat(notifications.getExchanges()).extracting(IncidentProcessTest::subject)
        .noneMatch(subject -> subject.contains("We have your request")).anyMatch(subject -> subject.contains("Resolved"));
    assertThat(ticket(incident).getJournal()).extracting(TicketEntry::getText)
        .contains("Acknowledgement not sent: resolved meanwhile");
  }

  @Test
  void aP1OfAnEarlierVersionStillMailsItsStakeholdersFromTheDeclaration() throws Exception {
    // That version had no stakeholder step: the declaration mailed them.
    onAnEarlierVersion(older -> {
      org.camunda.bpm.model.bpmn.instance.ServiceTask notify = older.getModelElementById(
          TASK_NOTIFY_MAJOR_INCIDENT_STAKEHOLDERS);
      notify.removeAttributeNs(org.camunda.bpm.model.bpmn.impl.BpmnModelConstants.CAMUNDA_NS, "delegateExpression");
      notify.setCamundaExpression("${true}");
      notify.setId("Task_NothingYet");
    }, Level.HIGH, incident -> assertThat(notifications.getExchanges()).extracting(IncidentProcessTest::recipients)
        .containsOnlyOnce(List.of("cio@example.org"), List.of("comms@example.org")));
  }

  @Test
  void aResolutionBreachDoesNotRaiseTheResponseAlertsAgain() {
    ProcessInstance incident = report(Level.LOW, Level.MEDIUM); // nobody takes it
    String priority = ticket(incident).getPriority().name();
    double breachesBefore = meters.counter("itil.sla.breaches", "sla", "RESPONSE", "priority", priority).count();
    for (String step : List.of(TIMER_RESPONSE_SLA_WARNING, TASK_WARN_RESPONSE_SLA, TIMER_RESPONSE_SLA,
        TASK_NOTIFY_RESPONSE_SLA_BREACH, TIMER_RESOLUTION_SLA)) {
      execute(job(incident, step));
    }
    AsyncSteps.run(management, incident);
    int mailsAfterBreach = notifications.getExchanges().size();

    // Entering the resolution again made new response timers, long past due: they fire at once.
    execute(job(incident, TIMER_RESPONSE_SLA_WARNING));
    execute(job(incident, TIMER_RESPONSE_SLA));

    assertThat(incident).isWaitingAt(TASK_INVESTIGATE_L2);
    assertThat(notifications.getExchanges()).as("no second warning or breach mail").hasSize(mailsAfterBreach);
    assertThat(meters.counter("itil.sla.breaches", "sla", "RESPONSE", "priority", priority).count())
        .isEqualTo(breachesBefore + 1);
    assertThat(ticket(incident).getJournal()).extracting(TicketEntry::getText)
        .filteredOn(text -> text.startsWith("Response SLA breached")).hasSize(1);
  }

  @Test
  void aBreachAtTheVendorKeepsTheIncidentWithTheVendorAndItsOwner() {
    ProcessInstance incident = report(Level.LOW, Level.LOW);
    work(incident, "alice", escalate(NOTE));
    work(incident, "bob", escalate(NOTE));
    work(incident, "carol", escalate("Carol: " + NOTE));
    tasks.claim(task(incident).getId(), "carol");
    long requesterMails = runtime.createProcessInstanceQuery().processDefinitionKey(RequesterMail.PROCESS_KEY).count();

    execute(job(incident, TIMER_RESOLUTION_SLA));
    AsyncSteps.run(management, incident);

    assertThat(incident).isWaitingAt(TASK_ENGAGE_VENDOR).task().isAssignedTo("carol");
    Ticket ticket = ticket(incident);
    assertThat(ticket.getTier()).isEqualTo(Tier.VENDOR);
    assertThat(ticket.getCaseOwner()).isEqualTo("carol");
    assertThat(ticket.getEscalationCount()).isEqualTo(3);
    assertThat(ticket.getJournal()).extracting(TicketEntry::getText)
        .anyMatch(text -> text.startsWith("Resolution SLA breached at VENDOR, the last tier: it stays there"));
    assertThat(notifications.getExchanges()).filteredOn(mail -> subject(mail).contains("We are late"))
        .singleElement().satisfies(apology -> assertThat(apology.getIn().getBody(String.class))
            .contains("We are working on it with the supplier").doesNotContain("more specialised team"));
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(RequesterMail.PROCESS_KEY).count())
        .as("no second 'your case is with carol' mail").isEqualTo(requesterMails);
    assertThat(runtime.getVariable(incident.getId(), PREVIOUS_HAND_OFF_NOTE.name()).toString())
        .as("carol's own note is still there").contains("Carol: ");
  }

  @Test
  void aBreachBeforeTheQuestionWentOutEndsTheWaitForTheRequester() {
    ProcessInstance incident = report(Level.MEDIUM, Level.MEDIUM);
    Task triage = task(incident);
    tasks.claim(triage.getId(), "alice");
    tasks.complete(triage.getId(), Variables.createVariables().putValue(CATEGORY_PATH.name(), "Network / VPN")
        .putValue(OUTCOME.name(), "ASK_REQUESTER").putValue(QUESTION_TO_REQUESTER.name(), "Which VPN client version?"));
    assertThat(incident).isWaitingAt("Task_AskRequester"); // the mail server is slow
    assertThat(ticket(incident).getStatus()).isEqualTo(TicketStatus.PENDING_REQUESTER);

    execute(job(incident, TIMER_RESOLUTION_SLA));

    assertThat(incident).isWaitingAt(TASK_INVESTIGATE_L2);
    assertThat(job(incident, "Task_AskRequester")).isNull();
    Ticket ticket = ticket(incident);
    assertThat(ticket.getStatus()).isEqualTo(TicketStatus.IN_PROGRESS);
    assertThat(ticket.getJournal()).extracting(TicketEntry::getText)
        .contains("No longer waiting for the requester's answer: the incident moves on after the breach");
  }

  @Test
  void aReopenedIncidentGetsTimeToBeLookedAtAgainBeforeItBreaches() {
    ProcessInstance incident = report(Level.MEDIUM, Level.MEDIUM); // P3: resolution within 3 days
    try {
      ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(4)))); // resolved a day late
      work(incident, "alice", resolve("Network / VPN"));
      answer(incident, MESSAGE_RESOLUTION_REJECTED, Variables.createVariables().putValue(REQUESTER_CONFIRMED.name(), false));

      Instant reopenedAt = ClockUtil.getCurrentTime().toInstant();
      assertThat(incident).isWaitingAt(TASK_TRIAGE);
      assertThat(ticket(incident).getResolutionDueAt()).as("a quarter of the resolution time, not none")
          .isEqualTo(reopenedAt.plus(Duration.ofHours(18)));
      assertThat(job(incident, TIMER_RESOLUTION_SLA).getDuedate()).isEqualTo(Date.from(reopenedAt.plus(Duration.ofHours(18))));
    } finally {
      ClockUtil.reset();
    }
  }

  @Test
  void notFixedReopensTheIncidentAtTheTierThatResolvedIt() {
    ProcessInstance incident = report(Level.MEDIUM, Level.MEDIUM);
    work(incident, "alice", escalate(NOTE));
    work(incident, "bob", resolve("Hardware / Laptop"));

    answer(incident, MESSAGE_RESOLUTION_REJECTED,
        Variables.createVariables().putValue(REQUESTER_CONFIRMED.name(), false));

    assertThat(incident).isWaitingAt(TASK_INVESTIGATE_L2);
    Ticket reopened = ticket(incident);
    assertThat(reopened.getReopenCount()).isEqualTo(1);
    assertThat(reopened.getStatus()).isEqualTo(TicketStatus.IN_PROGRESS);
    assertThat(reopened.getJournal()).filteredOn(e -> e.getKind() == EntryKind.SYSTEM).extracting(TicketEntry::getText)
        .anyMatch(text -> text.startsWith("Not fixed, says the requester: reopened (1) and returned to L2"));

    work(incident, "bob", resolve("Hardware / Laptop"));
    answer(incident, MESSAGE_RESOLUTION_CONFIRMED, Variables.createVariables().putValue(REQUESTER_CONFIRMED.name(), true));
    assertThat(ticket(incident).getStatus()).isEqualTo(TicketStatus.CLOSED);
    assertThat(ticket(incident).getReopenCount()).isEqualTo(1);
  }

  @Test
  void withoutAnAnswerTheIncidentClosesByItself() {
    ProcessInstance incident = report(Level.LOW, Level.HIGH);
    work(incident, "alice", resolve("Email / Mailbox"));
    Job autoClose = job(incident, TIMER_AUTO_CLOSE);
    assertThat(autoClose.getDuedate()).isAfter(new Date(System.currentTimeMillis() + java.time.Duration.ofDays(4).toMillis()));

    execute(autoClose);

    assertThat(incident).isEnded();
    assertThat(ticket(incident).getClosureCode()).isEqualTo(CloseIncident.AUTO_CLOSED);
    assertThat(ticket(incident).getFirstContactResolution()).isTrue();
  }

  @Test
  void theAffectedConfigurationItemIsLinkedToTheTicket() {
    configurationItems.findByName("vpn-gateway-01")
        .orElseGet(() -> configurationItems.save(new ConfigurationItem("vpn-gateway-01", "Network appliance", "service-desk-l2")));
    VariableMap variables = reportVariables(Level.LOW, Level.LOW);
    CONFIGURATION_ITEM.putIn(variables, "vpn-gateway-01");

    ProcessInstance incident = runtime.startProcessInstanceByKey(KEY, variables);

    assertThat(ticketRows.findWithConfigurationItemsByKey(ticket(incident).getKey()).orElseThrow().getConfigurationItems())
        .extracting(ConfigurationItem::getName).containsExactly("vpn-gateway-01");
    VariableMap unknown = reportVariables(Level.LOW, Level.LOW);
    CONFIGURATION_ITEM.putIn(unknown, "no-such-ci");
    assertThatThrownBy(() -> runtime.startProcessInstanceByKey(KEY, unknown))
        .isInstanceOf(NotValidException.class).hasMessageContaining("no-such-ci");
  }

  @Test
  void anIncidentWithoutRequesterIsRejected() {
    VariableMap missingRequester = Variables.createVariables()
        .putValue(TITLE.name(), "Printer jammed").putValue(IMPACT.name(), "LOW").putValue(URGENCY.name(), "LOW");
    assertThatThrownBy(() -> runtime.startProcessInstanceByKey(KEY, missingRequester))
        .isInstanceOf(NotValidException.class).hasMessageContaining(REQUESTER_EMAIL.name());

    VariableMap badImpact = missingRequester.putValue(REQUESTER_EMAIL.name(), "jane@example.org")
        .putValue(IMPACT.name(), "CATASTROPHIC");
    assertThatThrownBy(() -> runtime.startProcessInstanceByKey(KEY, badImpact))
        .isInstanceOf(NotValidException.class).hasMessageContaining("HIGH, MEDIUM, LOW");
  }

  // --- helpers ---------------------------------------------------------------------------------

  /**
   * Deploys the model changed back to what an earlier version was, reports an incident on it
   * (impact and urgency at that level) with its async steps done, and checks it.
   */
  private void onAnEarlierVersion(Consumer<BpmnModelInstance> asItWas, Level level, Consumer<ProcessInstance> check)
      throws Exception {
    BpmnModelInstance older;
    try (InputStream current = getClass().getClassLoader().getResourceAsStream("processes/incident.bpmn")) {
      older = Bpmn.readModelFromStream(current);
    }
    asItWas.accept(older);
    Deployment deployment = engine.getRepositoryService().createDeployment()
        .addModelInstance("incident.bpmn", older).deploy();
    try {
      String olderVersion = engine.getRepositoryService().createProcessDefinitionQuery()
          .deploymentId(deployment.getId()).singleResult().getId();
      ProcessInstance incident = runtime.startProcessInstanceById(olderVersion, reportVariables(level, level));
      AsyncSteps.run(management, incident);
      check.accept(incident);
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
    }
  }

  /** Reports an incident and lets the acknowledgement go out, as the job executor would. */
  private ProcessInstance report(Level impact, Level urgency) {
    ProcessInstance incident = runtime.startProcessInstanceByKey(KEY, reportVariables(impact, urgency));
    AsyncSteps.run(management, incident);
    return incident;
  }



  private static VariableMap reportVariables(Level impact, Level urgency) {
    VariableMap variables = Variables.createVariables();
    REQUESTER_EMAIL.putIn(variables, "jane.doe@example.org");
    REQUESTER_NAME.putIn(variables, "Jane Doe");
    TITLE.putIn(variables, "VPN drops every few minutes");
    DESCRIPTION.putIn(variables, "Since this morning the VPN disconnects every five minutes.");
    IMPACT.putIn(variables, impact);
    URGENCY.putIn(variables, urgency);
    return variables;
  }

  /** The agent claims the instance's open task and completes it. */
  private void work(ProcessInstance incident, String agent, VariableMap outcome) {
    Task task = task(incident);
    tasks.claim(task.getId(), agent);
    tasks.complete(task.getId(), outcome);
    AsyncSteps.run(management, incident);
  }

  private static VariableMap resolve(String category) {
    return Variables.createVariables()
        .putValue(CATEGORY_PATH.name(), category)
        .putValue(OUTCOME.name(), "RESOLVED")
        .putValue(RESOLUTION_CODE.name(), "FIXED")
        .putValue(RESOLUTION_NOTES.name(), RESOLUTION);
  }

  private static VariableMap escalate(String note) {
    return Variables.createVariables()
        .putValue(CATEGORY_PATH.name(), "Network / VPN")
        .putValue(OUTCOME.name(), "ESCALATE")
        .putValue(HAND_OFF_NOTE.name(), note);
  }

  private void answer(ProcessInstance incident, String message, VariableMap variables) {
    runtime.createMessageCorrelation(message)
        .processInstanceBusinessKey(ticket(incident).getKey())
        .setVariables(variables)
        .correlate();
  }

  private Job job(ProcessInstance incident, String activityId) {
    return management.createJobQuery().processInstanceId(incident.getId()).activityId(activityId).singleResult();
  }

  /** The ticket row; its key is the instance's business key, set by the register step. */
  private Ticket ticket(ProcessInstance incident) {
    String key = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(incident.getId()).singleResult().getBusinessKey();
    return ticketRows.findWithJournalByKey(key).orElseThrow();
  }

  private Exchange lastNotification() {
    List<Exchange> exchanges = notifications.getExchanges();
    assertThat(exchanges).isNotEmpty();
    return exchanges.get(exchanges.size() - 1);
  }

  private static String subject(Exchange exchange) {
    return exchange.getIn().getHeader("Subject", String.class);
  }

  private static List<String> recipients(Exchange exchange) {
    return List.of(exchange.getIn().getHeader("To", String.class).split(","));
  }
}
