package org.itilengine.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.itilengine.request.ServiceRequestProcess.*;
import static org.itilengine.request.ServiceRequestProcess.Elements.*;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.itilengine.AsyncSteps;
import org.itilengine.TestPorts;
import org.itilengine.connectors.identity.ldap.EmbeddedDirectoryServer;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketEntry;
import org.itilengine.ticket.TicketRepository;
import org.itilengine.ticket.TicketStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * Every path of service-request.bpmn on the real engine, delegates, ticket tables and a real LDAP
 * directory (the embedded UnboundID server with the demo people), with the job executor off so
 * each async step and timer is executed by the test. Mail goes to a Camel mock endpoint.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:service-request-process-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "itil.notifications.endpoint=mock:notifications",
    "itil.directory.ldap.max-redeliveries=1",
    "itil.directory.ldap.redelivery-delay=20ms"})
@Import(ProcessEngineCoverageConfiguration.class)
@ContextConfiguration(initializers = TestPorts.class)
@DirtiesContext // the directory changes; the next context starts from the demo LDIF again
class ServiceRequestProcessTest {

  @TestConfiguration
  static class Coverage {
    @Bean
    @Primary
    ProcessEngineCoverageProperties serviceRequestCoverage() {
      return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(0.9).build();
    }
  }

  private static final Pattern CODE = Pattern.compile("this code: (\\d{6})");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired TicketRepository ticketRows;
  @Autowired CamelContext camel;
  @Autowired EmbeddedDirectoryServer directory;

  MockEndpoint notifications;

  @BeforeEach
  void setUp() {
    init(engine);
    notifications = camel.getEndpoint("mock:notifications", MockEndpoint.class);
    notifications.reset();
  }

  @Test
  void managerApprovesAndTheFulfilmentGroupDeliversByHand() {
    ProcessInstance request = submit("new-software", "pat@example.org", null);

    assertThat(request).isWaitingAt(TASK_APPROVE).task().isAssignedTo("bob");
    assertThat(runtime.getVariable(request.getId(), APPROVAL_LEVEL.name())).isEqualTo("MANAGER");
    assertThat(ticket(request).getType().keyPrefix()).isEqualTo("REQ");
    assertThat(subject(mailTo("pat@example.org"))).startsWith("[" + ticket(request).getKey() + "] We have your request");
    assertThat(ticket(request).getAssignmentGroup()).as("nothing for the group to do yet").isNull();

    decide(request, "bob", ApprovalDecision.APPROVED, null);
    assertThat(request).isWaitingAt(TASK_FULFIL_BY_HAND).task().hasCandidateGroup("service-desk-l2");
    assertThat(ticket(request).getAssignmentGroup()).as("in the group's queue").isEqualTo("service-desk-l2");

    Task fulfil = taskOf(request);
    tasks.claim(fulfil.getId(), "bob");
    assertThatThrownBy(() -> tasks.complete(fulfil.getId(), Variables.createVariables()
        .putValue(FULFILMENT_OUTCOME.name(), "FULFILLED"))).hasRootCauseInstanceOf(NotValidException.class);
    tasks.complete(fulfil.getId(), Variables.createVariables().putValue(FULFILMENT_OUTCOME.name(), "FULFILLED")
        .putValue(FULFILMENT_NOTES.name(), "Installed the diagram editor on your laptop."));
    AsyncSteps.run(management, request);

    assertThat(request).hasPassed(TASK_CLOSE_FULFILLED, END_FULFILLED).isEnded();
    Ticket closed = ticket(request);
    assertThat(closed.getStatus()).isEqualTo(TicketStatus.CLOSED);
    assertThat(closed.getClosureCode()).isEqualTo("FULFILLED");
    assertThat(closed.getJournal()).extracting(TicketEntry::getKind, TicketEntry::getText)
        .contains(org.assertj.core.groups.Tuple.tuple(EntryKind.WORK_NOTE, "Approved"));
    Exchange done = lastMail();
    assertThat(subject(done)).startsWith("[" + closed.getKey() + "] Done");
    assertThat(text(done)).contains("Installed the diagram editor on your laptop.");
  }

  @Test
  void aRejectionNeedsAReasonAndTheRequesterReadsIt() {
    ProcessInstance request = submit("new-hardware", "pat@example.org", null);
    Task approval = taskOf(request);

    assertThatThrownBy(() -> tasks.complete(approval.getId(), Variables.createVariables()
        .putValue(APPROVAL_DECISION.name(), "REJECTED"))).hasRootCauseInstanceOf(NotValidException.class)
        .hasMessageContaining("reason");
    decide(request, "bob", ApprovalDecision.REJECTED, "The team budget for monitors is spent this year.");

    assertThat(request).hasPassed(TASK_CLOSE_REJECTED, END_REJECTED).isEnded();
    assertThat(ticket(request).getClosureCode()).isEqualTo("REJECTED");
    Exchange rejection = lastMail();
    assertThat(recipients(rejection)).containsExactly("pat@example.org");
    assertThat(text(rejection)).contains("The team budget for monitors is spent this year.");
  }

  @Test
  void groupAccessNeedsManagerThenOwnerAndTheDirectoryGainsTheMember() throws Exception {
    ProcessInstance request = submit("group-access", "pat@example.org", "finance-app");

    assertThat(runtime.getVariable(request.getId(), APPROVAL_LEVEL.name())).isEqualTo("MANAGER_AND_OWNER");
    String bobsTask = taskOf(request).getId();
    VariableMap skipTheOwner = Variables.createVariables().putValue(APPROVAL_DECISION.name(), "APPROVED")
        .putValue("nrOfInstances", 1); // would end the approval loop after bob
    assertThatThrownBy(() -> as("bob", () -> tasks.complete(bobsTask, skipTheOwner)))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("bob may not write [nrOfInstances]");
    decide(request, "bob", ApprovalDecision.APPROVED, "Pat needs it for the month-end closing.");
    assertThat(request).isWaitingAt(TASK_APPROVE).task().isAssignedTo("carol");
    assertThat(runtime.getVariable(request.getId(), APPROVAL_DECISION.name())).isNull(); // carol decides afresh
    String carolsTask = taskOf(request).getId();
    assertThatThrownBy(() -> tasks.complete(carolsTask)).hasRootCauseInstanceOf(NotValidException.class);
    decide(request, "carol", ApprovalDecision.APPROVED, "Pat joins the month-end closing team.");

    assertThat(request).hasPassed(TASK_FULFIL_AUTOMATICALLY, END_FULFILLED).isEnded();
    assertThat(members("finance-app")).contains("uid=pat,ou=people,dc=example,dc=org");
    assertThat(text(lastMail())).contains("now a member of finance-app");
  }

  @Test
  void aGroupTheCatalogDoesNotGrantIsRefusedBeforeAnyoneIsAsked() throws Exception {
    ProcessInstance request = submit("group-access", "pat@example.org", "camunda-admin");

    assertThat(request).hasPassed(TASK_CLOSE_NOT_GRANTABLE, END_NOT_GRANTABLE)
        .hasNotPassed(TASK_IDENTIFY_REQUESTER, TASK_APPROVE, TASK_FULFIL_AUTOMATICALLY).isEnded();
    Ticket refused = ticket(request);
    assertThat(refused.getClosureCode()).isEqualTo("NOT_GRANTABLE");
    assertThat(refused.getJournal()).extracting(TicketEntry::getText).contains(
        "camunda-admin cannot be requested (not on the catalog's list of grantable groups); refused",
        "Closed: NOT_GRANTABLE");
    Exchange refusal = lastMail();
    assertThat(recipients(refusal)).containsExactly("pat@example.org");
    assertThat(text(refusal)).contains("access to camunda-admin, which cannot be requested");
    assertThat(members("camunda-admin")).doesNotContain("uid=pat,ou=people,dc=example,dc=org");
  }

  @Test
  void aGrantableGroupIsApprovedByItsOwnOwnerAndGranted() throws Exception {
    ProcessInstance request = submit("group-access", "quinn@example.org", "vpn-users");
    decide(request, "dave", ApprovalDecision.APPROVED, null); // quinn's manager (pat) has no desk account
    decide(request, "erin", ApprovalDecision.APPROVED, null); // the owner of vpn-users, not the item's (carol)

    assertThat(request).hasPassed(TASK_FULFIL_AUTOMATICALLY, END_FULFILLED).isEnded();
    assertThat(members("vpn-users")).contains("uid=quinn,ou=people,dc=example,dc=org");
  }

  /**
   * Carol owns finance-app and asks for it herself: her manager dave approves, and the fallback
   * approver (dave again) cannot stand in for her, so the second approval is the group's, where
   * someone other than carol and dave decides.
   */
  @Test
  void twoApprovalsAreTwoPeopleNeitherTheRequesterAndTheGroupDecidesWhereNoSecondPersonCan() throws Exception {
    ProcessInstance request = submit("group-access", "carol@example.org", "finance-app");
    assertThat(ticket(request).getJournal()).extracting(TicketEntry::getText).contains(
        "The owner carol is the requester; the fallback approver dave approves already, so the group service-desk-l2"
            + " decides",
        "Waiting for approval by Dave Dunn, then the group service-desk-l2");
    decide(request, "dave", ApprovalDecision.APPROVED, null);

    Task groupsTask = taskOf(request);
    assertThat(groupsTask.getAssignee()).isNull();
    assertThat(tasks.createTaskQuery().taskId(groupsTask.getId()).taskCandidateGroup("service-desk-l2").count())
        .isEqualTo(1);
    tasks.claim(groupsTask.getId(), "carol");
    assertThatThrownBy(() -> tasks.complete(groupsTask.getId(), approved()))
        .hasRootCauseInstanceOf(NotValidException.class).hasRootCauseMessage("You cannot decide on your own request");
    tasks.setAssignee(groupsTask.getId(), "dave");
    assertThatThrownBy(() -> tasks.complete(groupsTask.getId(), approved())).hasRootCauseInstanceOf(
        NotValidException.class).hasRootCauseMessage("You approved this request already; someone else decides this approval");
    tasks.setAssignee(groupsTask.getId(), "bob");
    decide(request, "bob", ApprovalDecision.APPROVED, null);

    assertThat(request).hasPassed(TASK_FULFIL_AUTOMATICALLY, END_FULFILLED).isEnded();
    assertThat(members("finance-app")).contains("uid=carol,ou=people,dc=example,dc=org");
  }

  /** The fallback approver asks himself (his manager cannot open Tasklist): the group decides, not he. */
  @Test
  void theFallbackApproverIsNeverAskedToApproveHisOwnRequest() throws Exception {
    String dave = "uid=dave,ou=people,dc=example,dc=org";
    directory.server().modify(dave, new Modification(ModificationType.REPLACE, "manager",
        "uid=quinn,ou=people,dc=example,dc=org"));
    try {
      ProcessInstance request = submit("new-software", "dave@example.org", null);

      assertThat(request).isWaitingAt(TASK_APPROVE);
      assertThat(taskOf(request).getAssignee()).isNull();
      assertThat(ticket(request).getJournal()).extracting(TicketEntry::getText).contains(
          "No manager with a desk account; the fallback approver dave is the requester, so the group service-desk-l2"
              + " decides");
      execute(job(request, TIMER_APPROVAL_REMINDER));
      AsyncSteps.run(management, request);
      assertThat(text(mailTo("bob@example.org"))).contains("waiting for a decision by the group service-desk-l2");
    } finally {
      directory.server().modify(dave, new Modification(ModificationType.REPLACE, "manager",
          "uid=frank,ou=people,dc=example,dc=org"));
    }
  }

  /** After an escalation the manager's group may decide the owner's approval, but not the manager again. */
  @Test
  void whoApprovedOnceCannotApproveTheNextStepAfterAnEscalation() {
    ProcessInstance request = submit("group-access", "pat@example.org", "finance-app");
    decide(request, "bob", ApprovalDecision.APPROVED, null);
    execute(job(request, TIMER_APPROVAL_ESCALATION));
    AsyncSteps.run(management, request);
    String carolsTask = taskOf(request).getId();

    assertThatThrownBy(() -> as("bob", () -> tasks.complete(carolsTask, approved())))
        .hasRootCauseInstanceOf(NotValidException.class).hasMessageContaining("You approved this request already");
    decide(request, "carol", ApprovalDecision.APPROVED, null);
    assertThat(request).hasPassed(END_FULFILLED).isEnded();
  }

  @Test
  void aGroupNoLongerGrantableWhenApprovedGoesToAPerson() throws Exception {
    ProcessInstance request = submit("group-access", "jane.doe@example.org", "finance-app");
    decide(request, "dave", ApprovalDecision.APPROVED, null);
    // As for a request of a version without the list, or a group taken off it meanwhile.
    runtime.setVariable(request.getId(), ACCESS_GROUP.name(), "camunda-admin");
    decide(request, "carol", ApprovalDecision.APPROVED, null);

    assertThat(request).hasPassed("Error_FulfilmentRefused").isWaitingAt(TASK_FULFIL_BY_HAND);
    assertThat(runtime.getVariable(request.getId(), HAND_OFF_NOTE.name()).toString())
        .contains("camunda-admin is not on the catalog's list of grantable groups");
    assertThat(runtime.createIncidentQuery().processInstanceId(request.getId()).count()).isZero();
    assertThat(members("camunda-admin")).doesNotContain("uid=jane,ou=people,dc=example,dc=org");
  }

  @Test
  void whenTheDirectoryRefusesAPersonTakesOverWithTheReason() {
    // Approved, but the directory has no account with the requester's address to add.
    ProcessInstance request = submit("group-access", "jane.doe@example.org", "finance-app");
    decide(request, "dave", ApprovalDecision.APPROVED, null);
    decide(request, "carol", ApprovalDecision.APPROVED, null);

    assertThat(request).hasPassed("Error_FulfilmentRefused").isWaitingAt(TASK_FULFIL_BY_HAND)
        .task().hasCandidateGroup("service-desk-l2");
    assertThat(runtime.getVariable(request.getId(), HAND_OFF_NOTE.name()).toString())
        .contains("ldap directory refused GRANT_GROUP").contains("jane.doe@example.org");

    Task fulfil = taskOf(request);
    tasks.claim(fulfil.getId(), "bob");
    tasks.complete(fulfil.getId(), Variables.createVariables().putValue(FULFILMENT_OUTCOME.name(), "NOT_FULFILLED")
        .putValue(FULFILMENT_NOTES.name(), "You have no account in our directory yet; please ask your manager."));
    AsyncSteps.run(management, request);
    assertThat(request).hasPassed(TASK_CLOSE_NOT_FULFILLED, END_NOT_FULFILLED).isEnded();
    assertThat(subject(lastMail())).contains("Could not be fulfilled");
  }

  @Test
  void aSlowApproverIsRemindedThenTheEscalationGroupMayDecide() {
    ProcessInstance request = submit("new-software", "pat@example.org", null);

    execute(job(request, TIMER_APPROVAL_REMINDER));
    AsyncSteps.run(management, request);
    assertThat(request).hasPassed(TASK_REMIND_APPROVERS).isWaitingAt(TASK_APPROVE);
    assertThat(subject(mailTo("bob@example.org"))).contains("Reminder: your approval is needed");

    execute(job(request, TIMER_APPROVAL_ESCALATION));
    AsyncSteps.run(management, request);
    assertThat(request).hasPassed(TASK_ESCALATE_APPROVAL).isWaitingAt(TASK_APPROVE).task().isAssignedTo("bob");
    assertThat(tasks.getIdentityLinksForTask(taskOf(request).getId()))
        .anyMatch(link -> "service-desk-l2".equals(link.getGroupId()) && "candidate".equals(link.getType()));
    assertThat(subject(lastMail())).contains("Overdue approval");

    decide(request, "bob", ApprovalDecision.APPROVED, null);
    assertThat(request).isWaitingAt(TASK_FULFIL_BY_HAND);
  }

  @Test
  void eachApproverInTurnHasTheirOwnReminderAndDueDate() {
    ProcessInstance request = submit("group-access", "pat@example.org", "finance-app");
    Task bobs = taskOf(request);
    execute(job(request, TIMER_APPROVAL_REMINDER));
    AsyncSteps.run(management, request);
    assertThat(subject(mailTo("bob@example.org"))).contains("Reminder: your approval is needed");

    Instant twoDaysLater = Instant.now().plus(Duration.ofDays(2));
    ClockUtil.setCurrentTime(Date.from(twoDaysLater));
    try {
      decide(request, "bob", ApprovalDecision.APPROVED, null);

      Task carols = taskOf(request);
      assertThat(carols.getAssignee()).isEqualTo("carol");
      assertThat(carols.getDueDate()).as("three days from her turn, not from bob's")
          .isEqualTo(Date.from(twoDaysLater.plus(Duration.ofDays(3)))).isAfter(bobs.getDueDate());
      Job carolsReminder = job(request, TIMER_APPROVAL_REMINDER);
      assertThat(carolsReminder.getDuedate()).isEqualTo(Date.from(twoDaysLater.plus(Duration.ofDays(1))));
      execute(carolsReminder);
      AsyncSteps.run(management, request);
      assertThat(subject(mailTo("carol@example.org"))).contains("Reminder: your approval is needed");
      assertThat(request).isWaitingAt(TASK_APPROVE);
    } finally {
      ClockUtil.reset();
    }
  }

  /** Instances of the model version before per-approver timers still find the due date they read. */
  @Test
  void anInstanceOfTheEarlierModelVersionStillGetsItsApprovalTask() throws Exception {
    BpmnModelInstance earlier;
    try (InputStream current = getClass().getClassLoader().getResourceAsStream("processes/service-request.bpmn")) {
      earlier = Bpmn.readModelFromStream(current);
    }
    earlier.<UserTask>getModelElementById(TASK_APPROVE).setCamundaDueDate("${approvalDueAt}");
    Deployment deployment = engine.getRepositoryService().createDeployment()
        .addModelInstance("service-request.bpmn", earlier).deploy();
    try {
      String earlierVersion = engine.getRepositoryService().createProcessDefinitionQuery()
          .deploymentId(deployment.getId()).singleResult().getId();
      VariableMap variables = Variables.createVariables();
      CATALOG_ITEM.putIn(variables, "new-software");
      REQUESTER_EMAIL.putIn(variables, "pat@example.org");
      TITLE.putIn(variables, "Please: new-software");
      ProcessInstance request = runtime.startProcessInstanceById(earlierVersion, variables);
      AsyncSteps.run(management, request);

      assertThat(request).isWaitingAt(TASK_APPROVE).task().isAssignedTo("bob");
      assertThat(taskOf(request).getDueDate()).isNotNull();
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void tierZeroPasswordResetWithTheCodeFromTheAddressOnFile() throws Exception {
    ProcessInstance request = submit("password-reset", "pat@example.org", null);

    assertThat(request).hasPassed(TASK_SEND_VERIFICATION_CODE).isWaitingAt(TASK_AWAIT_VERIFICATION_CODE);
    assertThat(ticket(request).getStatus()).isEqualTo(TicketStatus.PENDING_REQUESTER);
    assertThat(ticket(request).getAssignmentGroup()).as("in no agent's queue while the code is out").isNull();
    String code = codeIn(mailTo("pat@example.org"));
    assertThat(runtime.getVariables(request.getId()).values()).noneMatch(v -> String.valueOf(v).contains(code));

    replyWith(request, "Here it is: " + code);
    AsyncSteps.run(management, request);

    assertThat(request).hasPassed(TASK_FULFIL_AUTOMATICALLY, END_FULFILLED).isEnded();
    Exchange passwordMail = notifications.getExchanges().stream()
        .filter(e -> subject(e).contains("temporary password")).findFirst().orElseThrow();
    String password = text(passwordMail).lines().filter(l -> l.matches("\\S{16}")).findFirst().orElseThrow();
    try (LDAPConnection asPat = new LDAPConnection("127.0.0.1", directory.server().getListenPort())) {
      asPat.bind("uid=pat,ou=people,dc=example,dc=org", password); // the directory really took it
    }
    assertThat(attribute("uid=pat,ou=people,dc=example,dc=org", "pwdReset")).isEqualToIgnoringCase("TRUE");
    assertThat(ticket(request).getJournal()).extracting(TicketEntry::getText)
        .noneMatch(text -> text.contains(password) || text.contains(code));
  }

  @Test
  void tierZeroUnlockAfterOneWrongCode() throws Exception {
    String rita = "uid=rita,ou=people,dc=example,dc=org";
    assertThat(attribute(rita, "pwdAccountLockedTime")).isNotNull();
    ProcessInstance request = submit("account-unlock", "rita@example.org", null);
    String code = codeIn(mailTo("rita@example.org"));
    java.util.Date expiry = job(request, TIMER_VERIFICATION_EXPIRY).getDuedate();

    replyWith(request, "Is it 111111, 222222 or " + code + "?"); // a list of guesses is a failed attempt
    assertThat(request).isWaitingAt(TASK_AWAIT_VERIFICATION_CODE);
    assertThat(job(request, TIMER_VERIFICATION_EXPIRY).getDuedate()).as("a wrong guess buys no time").isEqualTo(expiry);
    assertThat(runtime.getVariable(request.getId(), VERIFICATION_ATTEMPTS_LEFT.name())).isEqualTo(2);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("requester-mail")
        .processInstanceBusinessKey(ticket(request).getKey()).count()).isEqualTo(1); // "that code did not match"

    replyWith(request, code);
    AsyncSteps.run(management, request);
    assertThat(request).hasPassed(END_FULFILLED).isEnded();
    assertThat(attribute(rita, "pwdAccountLockedTime")).isNull();
  }

  @Test
  void noAccountChangesForAnInstanceStartedPastTheCodeCheck() {
    ProcessInstance genuine = submit("password-reset", "pat@example.org", null);
    ProcessInstance forged = runtime.createProcessInstanceByKey(KEY).businessKey(ticket(genuine).getKey())
        .setVariables(Variables.createVariables().putValue(TICKET_KEY.name(), ticket(genuine).getKey())
            .putValue(CATALOG_ITEM.name(), "password-reset").putValue(AUTOMATION.name(), "RESET_PASSWORD")
            .putValue(FULFILMENT_GROUP.name(), "service-desk-l1").putValue(VERIFIED.name(), true)
            .putValue(RESOLUTION_DUE_AT.name(), new Date()))
        .startBeforeActivity(TASK_FULFIL_AUTOMATICALLY).execute();

    assertThatThrownBy(() -> execute(job(forged, TASK_FULFIL_AUTOMATICALLY)))
        .hasMessageContaining("Refusing to change an account");
    assertThat(notifications.getExchanges()).noneMatch(e -> subject(e).contains("temporary password"));
  }

  @Test
  void tooManyWrongCodesRefuseAndChangeNothing() {
    ProcessInstance request = submit("password-reset", "quinn@example.org", null);
    String code = codeIn(mailTo("quinn@example.org"));
    String wrong = code.equals("111111") ? "222222" : "111111";
    for (int attempt = 0; attempt < 3; attempt++) {
      replyWith(request, wrong);
    }
    AsyncSteps.run(management, request);
    assertThat(request).hasPassed(TASK_CLOSE_VERIFICATION_FAILED, END_VERIFICATION_FAILED).isEnded();
    assertThat(notifications.getExchanges()).noneMatch(e -> subject(e).contains("temporary password"));
    assertThat(ticket(request).getClosureCode()).isEqualTo("REFUSED");
  }

  @Test
  void anUnknownSenderIsRefusedPolitely() {
    ProcessInstance request = submit("password-reset", "mallory@elsewhere.example", null);

    assertThat(request).hasPassed(TASK_CLOSE_REFUSED, END_REFUSED).hasNotPassed(TASK_SEND_VERIFICATION_CODE).isEnded();
    Exchange refusal = lastMail();
    assertThat(recipients(refusal)).containsExactly("mallory@elsewhere.example");
    assertThat(text(refusal)).contains("Nothing was changed");
  }

  @Test
  void anUnansweredCodeExpires() {
    ProcessInstance request = submit("account-unlock", "pat@example.org", null);
    execute(job(request, TIMER_VERIFICATION_EXPIRY));
    AsyncSteps.run(management, request);
    assertThat(request).hasPassed(TASK_CLOSE_EXPIRED, END_VERIFICATION_EXPIRED).isEnded();
    assertThat(ticket(request).getClosureCode()).isEqualTo("EXPIRED");
  }

  @Test
  void aRequestWithoutApprovalGoesStraightToTheFulfilmentGroupAndItsSlaIsWatched() {
    ProcessInstance request = submit("other-request", "jane.doe@example.org", null);
    assertThat(runtime.getVariable(request.getId(), EMPLOYEE_TYPE.name())).isEqualTo("unknown");
    assertThat(request).isWaitingAt(TASK_FULFIL_BY_HAND).task().hasCandidateGroup("service-desk-l1");
    assertThat(job(request, TIMER_REQUEST_SLA).getDuedate()).isEqualTo(java.util.Date.from(ticket(request).getResolutionDueAt()));

    execute(job(request, TIMER_REQUEST_SLA));
    AsyncSteps.run(management, request);

    assertThat(request).hasPassed(TASK_RECORD_SLA_BREACH).isWaitingAt(TASK_FULFIL_BY_HAND);
    assertThat(ticket(request).isResolutionBreached()).isTrue();
    assertThat(notifications.getExchanges()).filteredOn(mail -> subject(mail).contains("Service request overdue"))
        .flatExtracting(ServiceRequestProcessTest::recipients)
        .contains("alice@example.org", "service-desk-manager@example.org");
  }

  /** Approval time is the approvers' (they have reminders and an escalation), not the fulfilment group's. */
  @Test
  void theSlaClockStartsWhenTheRequestIsApproved() {
    ProcessInstance request = submit("new-software", "pat@example.org", null); // 5 days to fulfil
    Instant sixDaysLater = Instant.now().plus(Duration.ofDays(6));
    ClockUtil.setCurrentTime(Date.from(sixDaysLater));
    try {
      decide(request, "bob", ApprovalDecision.APPROVED, null);

      assertThat(request).hasPassed(TASK_START_REQUEST_SLA).isWaitingAt(TASK_FULFIL_BY_HAND);
      Date due = Date.from(sixDaysLater.plus(Duration.ofDays(5)));
      assertThat(job(request, TIMER_REQUEST_SLA).getDuedate()).isEqualTo(due);
      assertThat(taskOf(request).getDueDate()).isEqualTo(due);
      assertThat(Date.from(ticket(request).getResolutionDueAt())).isEqualTo(due);
      assertThat(ticket(request).isResolutionBreached()).isFalse();
    } finally {
      ClockUtil.reset();
    }
  }

  /** The SLA covers an automated fulfilment too: one stuck as a Cockpit incident breaches it. */
  @Test
  void anAutomatedFulfilmentStuckAsACockpitIncidentBreachesTheSla() throws Exception {
    ProcessInstance request = submit("group-access", "pat@example.org", "finance-app");
    decide(request, "bob", ApprovalDecision.APPROVED, null);
    tasks.complete(taskOf(request).getId(), approved()); // carol; the directory then fails the grant
    directory.server().shutDown(true);
    try {
      for (Job grant = job(request, TASK_FULFIL_AUTOMATICALLY); grant.getRetries() > 0;
          grant = job(request, TASK_FULFIL_AUTOMATICALLY)) {
        String jobId = grant.getId();
        assertThatThrownBy(() -> management.executeJob(jobId)).hasMessageContaining("Directory 'ldap' could not");
      }
      assertThat(runtime.createIncidentQuery().processInstanceId(request.getId()).singleResult().getActivityId())
          .isEqualTo(TASK_FULFIL_AUTOMATICALLY);

      execute(job(request, TIMER_REQUEST_SLA));
      execute(job(request, TASK_RECORD_SLA_BREACH));
      assertThat(ticket(request).isResolutionBreached()).isTrue();
      assertThat(notifications.getExchanges()).filteredOn(mail -> subject(mail).contains("Service request overdue"))
          .flatExtracting(ServiceRequestProcessTest::recipients).contains("bob@example.org");
    } finally {
      directory.server().startListening();
    }
    management.setJobRetries(job(request, TASK_FULFIL_AUTOMATICALLY).getId(), 1);
    AsyncSteps.run(management, request);
    assertThat(request).hasPassed(END_FULFILLED).isEnded();
  }

  @Test
  void anUnreachableDirectoryRetriesThenShowsAsACockpitIncidentAndResumesWhenRetried() throws Exception {
    ProcessInstance request = start("new-software", "pat@example.org", null);
    execute(job(request, TASK_ACKNOWLEDGE));
    directory.server().shutDown(true);
    Job identify = job(request, TASK_IDENTIFY_REQUESTER);
    try {
      while (identify.getRetries() > 0) {
        String jobId = identify.getId();
        assertThatThrownBy(() -> management.executeJob(jobId)).hasMessageContaining("Directory 'ldap' could not");
        identify = job(request, TASK_IDENTIFY_REQUESTER);
      }
    } finally {
      directory.server().startListening();
    }
    Incident incident = runtime.createIncidentQuery().processInstanceId(request.getId()).singleResult();
    assertThat(incident.getActivityId()).isEqualTo(TASK_IDENTIFY_REQUESTER);
    assertThat(incident.getIncidentMessage()).contains("Directory 'ldap' could not");

    management.setJobRetries(identify.getId(), 1); // what an operator does in Cockpit once the directory is back
    AsyncSteps.run(management, request);
    assertThat(request).isWaitingAt(TASK_APPROVE);
    assertThat(runtime.createIncidentQuery().processInstanceId(request.getId()).count()).isZero();
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** Submits a request and lets the async steps run, as the job executor would. */
  private ProcessInstance submit(String item, String requester, String group) {
    ProcessInstance request = start(item, requester, group);
    AsyncSteps.run(management, request);
    return request;
  }

  private ProcessInstance start(String item, String requester, String group) {
    VariableMap variables = Variables.createVariables();
    CATALOG_ITEM.putIn(variables, item);
    REQUESTER_EMAIL.putIn(variables, requester);
    TITLE.putIn(variables, "Please: " + item);
    ACCESS_GROUP.putIn(variables, group);
    return runtime.createMessageCorrelation(MESSAGE_REQUEST_SUBMITTED).setVariables(variables).correlateStartMessage();
  }

  private static VariableMap approved() {
    return Variables.createVariables().putValue(APPROVAL_DECISION.name(), "APPROVED");
  }

  private void decide(ProcessInstance request, String approver, ApprovalDecision decision, String comment) {
    Task task = taskOf(request);
    assertThat(task.getAssignee()).isEqualTo(approver);
    tasks.complete(task.getId(), Variables.createVariables().putValue(APPROVAL_DECISION.name(), decision.name())
        .putValue(APPROVAL_COMMENT.name(), comment));
    AsyncSteps.run(management, request);
  }

  /**
   * As the logged-in user with their groups, the way Tasklist and the REST API call the engine; for refusals only (the
   * coverage listener of these tests reads process definitions as the current user).
   */
  private void as(String user, Runnable work) {
    engine.getIdentityService().setAuthentication(user, engine.getIdentityService().createGroupQuery()
        .groupMember(user).list().stream().map(Group::getId).toList());
    try {
      work.run();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private void replyWith(ProcessInstance request, String text) {
    runtime.createMessageCorrelation(MESSAGE_VERIFICATION_REPLY)
        .processInstanceBusinessKey(ticket(request).getKey())
        .setVariables(Variables.createVariables()
            .putValueTyped(VERIFICATION_REPLY.name(), Variables.stringValue(text, true)))
        .correlate();
  }



  private Job job(ProcessInstance request, String activityId) {
    return management.createJobQuery().processInstanceId(request.getId()).activityId(activityId).singleResult();
  }

  private Task taskOf(ProcessInstance request) {
    return tasks.createTaskQuery().processInstanceId(request.getId()).singleResult();
  }

  private Ticket ticket(ProcessInstance request) {
    String key = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(request.getId()).singleResult().getBusinessKey();
    return ticketRows.findWithJournalByKey(key).orElseThrow();
  }

  private Exchange lastMail() {
    List<Exchange> exchanges = notifications.getExchanges();
    assertThat(exchanges).isNotEmpty();
    return exchanges.get(exchanges.size() - 1);
  }

  private Exchange mailTo(String address) {
    List<Exchange> mails = notifications.getExchanges().stream().filter(e -> recipients(e).contains(address)).toList();
    assertThat(mails).as("mail to " + address).isNotEmpty();
    return mails.get(mails.size() - 1);
  }

  private static String codeIn(Exchange mail) {
    assertThat(subject(mail)).contains("one-time code");
    Matcher m = CODE.matcher(text(mail));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static String subject(Exchange exchange) {
    return exchange.getIn().getHeader("Subject", String.class);
  }

  private static String text(Exchange exchange) {
    return exchange.getIn().getHeader(MailConstants.MAIL_ALTERNATIVE_BODY, String.class);
  }

  private static List<String> recipients(Exchange exchange) {
    return List.of(exchange.getIn().getHeader("To", String.class).split(","));
  }

  private List<String> members(String group) throws Exception {
    try (LDAPConnection connection = new LDAPConnection("127.0.0.1", directory.server().getListenPort())) {
      Entry entry = connection.getEntry("cn=" + group + ",ou=groups,dc=example,dc=org");
      return List.of(entry.getAttributeValues("member"));
    }
  }

  private String attribute(String dn, String name) throws Exception {
    try (LDAPConnection connection = new LDAPConnection("127.0.0.1", directory.server().getListenPort())) {
      return connection.getEntry(dn).getAttributeValue(name);
    }
  }
}
