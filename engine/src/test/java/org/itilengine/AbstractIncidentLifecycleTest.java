package org.itilengine;

import static org.itilengine.Eventually.eventually;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.itilengine.incident.IncidentProcess;
import org.itilengine.process.JobAcquisitionByDueDate;
import org.itilengine.security.IdentitySetup;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketEntry;
import org.itilengine.ticket.TicketRepository;
import org.itilengine.ticket.TicketStatus;
import org.itilengine.ticket.Tier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The whole application on a real port: an incident is reported over the secured REST API and
 * worked through three tiers by agents of the right groups, then checked in the ticket tables.
 * Subclasses choose the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@ContextConfiguration(initializers = TestPorts.class)
abstract class AbstractIncidentLifecycleTest {

  private static final String PASSWORD = "demo";
  private static final String NOTE = "Reproduced on two laptops; the VPN gateway rejects the client certificate.";

  @Autowired TestRestTemplate rest;
  @Autowired TicketRepository tickets;
  @Autowired AuthorizationService authorizations;
  @Autowired IdentitySetup identitySetup;
  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired JobAcquisitionByDueDate jobAcquisition;

  @Test
  void anIncidentTravelsThroughThreeTiersAndCloses() {
    ResponseEntity<JsonNode> reported = as("alice").postForEntity("/api/incidents", json(Map.of(
        "requesterEmail", "jane.doe@example.org",
        "requesterName", "Jane Doe",
        "title", "VPN rejects my login",
        "description", "Since the weekend the VPN client says 'certificate invalid'.",
        "impact", "MEDIUM",
        "urgency", "MEDIUM")), JsonNode.class);
    assertThat(reported.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String key = reported.getBody().get("ticketKey").asText();
    assertThat(key).matches("INC-\\d{6}");
    // Agents report through the desk API only: a start of their own could begin at any activity.
    assertThat(as("alice").postForEntity("/engine-rest/process-definition/key/{key}/start",
        json(Map.of("variables", Map.of("ticketKey", value(key)))), String.class, IncidentProcess.KEY)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("alice").postForEntity("/api/incidents", json(Map.of(
        "requesterEmail", "jane.doe@example.org", "title", "VPN", "impact", "MEDIUM", "urgency", "MEDIUM",
        "categoryPath", "Not / In catalog")), String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    for (String notOneMailbox : List.of("jane.doe@example.org;boss@example.org", "jane doe@example.org", "@example.org")) {
      assertThat(as("alice").postForEntity("/api/incidents", json(Map.of("requesterEmail", notOneMailbox,
          "title", "VPN", "impact", "MEDIUM", "urgency", "MEDIUM")), String.class).getStatusCode())
          .as("the mail route would fail on it for good: %s", notOneMailbox).isEqualTo(HttpStatus.BAD_REQUEST);
    }
    assertThat(as("dave").postForEntity("/api/incidents", json(Map.of(
        "requesterEmail", "jane.doe@example.org", "title", "VPN", "impact", "MEDIUM", "urgency", "MEDIUM")),
        String.class).getStatusCode()).as("a process owner is no agent").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("alice").postForEntity("/api/incidents", json(Map.of(
        "requesterEmail", "jane.doe@example.org", "title", "VPN", "impact", "MEDIUM", "urgency", "MEDIUM",
        "configurationItem", "no-such-server")), String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    ResponseEntity<String> tooLong = as("alice").postForEntity("/api/incidents", json(Map.of(
        "requesterEmail", "jane.doe@example.org", "title", "V".repeat(256), "impact", "MEDIUM", "urgency", "MEDIUM")),
        String.class);
    assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tooLong.getBody()).contains("The title holds at most 255 characters");
    String log = "ERROR disk quota exceeded on /home\n".repeat(300); // longer than a variable, kept whole
    ResponseEntity<JsonNode> longOne = as("alice").postForEntity("/api/incidents", json(Map.of(
        "requesterEmail", "jane.doe@example.org", "title", "Quota", "description", log, "impact", "LOW",
        "urgency", "LOW")), JsonNode.class);
    assertThat(longOne.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(tickets.findByKey(longOne.getBody().get("ticketKey").asText()).orElseThrow().getDescription())
        .isEqualTo(log);
    // A NUL means nothing on a ticket, and PostgreSQL's text columns refuse it: dropped, not a 500.
    ResponseEntity<JsonNode> withNul = as("alice").postForEntity("/api/incidents", json(Map.of(
        "requesterEmail", "jane.doe@example.org", "title", "Printer\u0000 offline", "description", "Tray 2\u0007",
        "impact", "LOW", "urgency", "LOW")), JsonNode.class);
    assertThat(withNul.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String nulKey = withNul.getBody().get("ticketKey").asText();
    assertThat(as("admin").postForEntity("/api/tickets/{key}/notes", json(Map.of("text", "Checked\u0000 the tray")),
        String.class, nulKey).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    Ticket printable = tickets.findWithJournalByKey(nulKey).orElseThrow();
    assertThat(printable.getTitle()).isEqualTo("Printer offline");
    assertThat(printable.getDescription()).isEqualTo("Tray 2");
    assertThat(printable.getJournal()).extracting(TicketEntry::getText).contains("Checked the tray");

    // L1: only first line sees the triage task.
    assertThat(tasksOf("bob", key)).isEmpty();
    JsonNode triage = singleTask("alice", key);
    assertThat(triage.get("taskDefinitionKey").asText()).isEqualTo("Task_TriageIncident");
    assertThat(triage.get("camundaFormRef").get("key").asText()).isEqualTo("triage-incident");
    // A completion writes only what the form lets the agent fill in: not which ticket the process
    // works on (here the long one's), not the priority shown on the form, nor through the variables.
    String triageId = triage.get("id").asText();
    Map<String, Object> hijack = new HashMap<>(escalation());
    hijack.put("ticketKey", value(longOne.getBody().get("ticketKey").asText()));
    ResponseEntity<String> refused = complete("alice", triage, hijack);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(refused.getBody()).contains("may not write [ticketKey] through task " + triageId);
    assertThat(as("alice").exchange("/engine-rest/task/{id}/variables/priority", HttpMethod.PUT, json(value("P1")),
        String.class, triageId).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("alice").exchange("/engine-rest/task/{id}/variables/categoryPath", HttpMethod.PUT,
        json(value("Network / VPN")), String.class, triageId).getStatusCode()).as("a field of the form")
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(as("alice").postForEntity("/engine-rest/task/{id}/bpmnError", json(Map.of("errorCode", "skip")),
        String.class, triageId).getStatusCode()).as("no task ends past its form").isEqualTo(HttpStatus.FORBIDDEN);
    // Forms of earlier model versions showed the context read-only, and Tasklist sends it back as
    // shown: unchanged, and a variable that is not there as "".
    Map<String, Object> withContext = new HashMap<>(escalation());
    withContext.put("ticketKey", value(key));
    withContext.put("previousHandOffNote", value(""));
    claimAndComplete("alice", triage, withContext);

    // L2: first line can neither see nor complete it.
    JsonNode l2 = singleTask("bob", key);
    assertThat(l2.get("taskDefinitionKey").asText()).isEqualTo("Task_InvestigateIncidentL2");
    assertThat(tasksOf("alice", key)).isEmpty();
    claimAndComplete("bob", l2, escalation());

    // L3: an L1 agent cannot complete a third-line task.
    JsonNode l3 = singleTask("carol", key);
    assertThat(l3.get("taskDefinitionKey").asText()).isEqualTo("Task_InvestigateIncidentL3");
    assertThat(complete("alice", l3, resolution()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    claimAndComplete("carol", l3, resolution());

    // The requester confirms (the email channel will send this message).
    // (once the resolution mail is out and the instance waits for the answer)
    ResponseEntity<String> confirmed = eventually(() -> as("admin").postForEntity("/engine-rest/message",
        json(Map.of(
            "messageName", IncidentProcess.MESSAGE_RESOLUTION_CONFIRMED,
            "businessKey", key,
            "processVariables", Map.of("requesterConfirmed", Map.of("value", true, "type", "Boolean")))),
        String.class), response -> response.getStatusCode() == HttpStatus.NO_CONTENT);
    assertThat(confirmed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    Ticket ticket = tickets.findWithJournalByKey(key).orElseThrow();
    assertThat(ticket.getStatus()).isEqualTo(TicketStatus.CLOSED);
    assertThat(ticket.getPriority()).hasToString("P3");
    assertThat(ticket.getResolvedTier()).isEqualTo(Tier.L3);
    assertThat(ticket.getEscalationCount()).isEqualTo(2);
    assertThat(ticket.getFirstContactResolution()).isFalse();
    assertThat(ticket.getCaseOwner()).isEqualTo("carol");
    assertThat(ticket.getJournal()).extracting(TicketEntry::getText).contains("Incident reported by alice");
    assertThat(ticket.getJournal()).extracting(TicketEntry::getKind, TicketEntry::getAuthor)
        .containsSubsequence(
            tuple(EntryKind.HAND_OFF, "alice"),
            tuple(EntryKind.HAND_OFF, "bob"),
            tuple(EntryKind.PUBLIC_REPLY, "carol"),
            tuple(EntryKind.SYSTEM, "engine"));
  }

  /**
   * The job executor looks only for jobs due by now, oldest first (through an index on the due
   * date), so every job needs one; a job an earlier version left without a due date gets one at
   * start-up.
   */
  @Test
  void anUndatedJobFromAnEarlierVersionIsDatedAtStartUp() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.isEnsureJobDueDateNotNull()).isTrue();
    assertThat(configuration.isJobExecutorAcquireByDueDate()).isTrue();
    ResponseEntity<JsonNode> reported = as("alice").postForEntity("/api/incidents", json(Map.of(
        "requesterEmail", "sam@example.org", "title", "Printer jams", "impact", "LOW", "urgency", "LOW")),
        JsonNode.class);
    String instance = runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(reported.getBody().get("ticketKey").asText()).singleResult().getId();
    String timer = eventually(() -> management.createJobQuery().processInstanceId(instance).timers().list(),
        timers -> !timers.isEmpty()).get(0).getId();
    // Suspended, so the running job executor leaves it alone once it is due.
    management.suspendJobById(timer);
    jdbc.update("update ACT_RU_JOB set DUEDATE_ = null where ID_ = ?", timer);

    jobAcquisition.postProcessEngineBuild(engine); // what a restart runs

    assertThat(management.createJobQuery().jobId(timer).singleResult().getDuedate()).isNotNull();
  }

  @Test
  void theApiAndTheWebappsRequireALogin() {
    assertThat(rest.getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    // frank: a wrong password locks the account for a while (brute-force protection)
    assertThat(rest.withBasicAuth("frank", "wrong").getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.getForEntity("/camunda/api/engine/engine/default/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void startPermissionsOfEarlierVersionsAreTakenBackAtStartUp() {
    // What an earlier version granted agents: starting the flows themselves.
    grantedBefore("service-desk-l1", Resources.PROCESS_DEFINITION, IncidentProcess.KEY,
        ProcessDefinitionPermissions.CREATE_INSTANCE);
    Authorization instances = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    instances.setGroupId("service-desk-l1");
    instances.setResource(Resources.PROCESS_INSTANCE);
    instances.setResourceId(Authorization.ANY);
    instances.addPermission(Permissions.CREATE);
    authorizations.saveAuthorization(instances);
    assertThat(mayStartIncidents("alice")).isTrue();

    identitySetup.run(null);

    assertThat(mayStartIncidents("alice")).isFalse();
    assertThat(authorizations.isUserAuthorized("alice", List.of("service-desk-l1"), ProcessDefinitionPermissions.READ,
        Resources.PROCESS_DEFINITION, IncidentProcess.KEY)).as("reading stays").isTrue();
  }

  /** Adds a permission to the group's existing grant, as an earlier version had it. */
  private void grantedBefore(String group, Resources resource, String resourceId,
      Permission permission) {
    Authorization grant = authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(resource)
        .resourceId(resourceId).singleResult();
    grant.addPermission(permission);
    authorizations.saveAuthorization(grant);
  }

  private boolean mayStartIncidents(String user) {
    return authorizations.isUserAuthorized(user, List.of("service-desk-l1"),
        ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION, IncidentProcess.KEY)
        && authorizations.isUserAuthorized(user, List.of("service-desk-l1"), Permissions.CREATE,
        Resources.PROCESS_INSTANCE);
  }

  @Test
  void onlyProcessOwnersMayDeploy() {
    assertThat(deploy("alice").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(deploy("dave").getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void processOwnersManageTheModelsButReadNoCases() {
    // What an earlier version granted them: everything on deployments and definitions, every instance.
    grantedBefore("process-owners", Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.ALL);
    grantedBefore("process-owners", Resources.DEPLOYMENT, Authorization.ANY, Permissions.ALL);
    identitySetup.run(null);
    String key = report("jane.doe@example.org", "Phishing mail opened", "MEDIUM", "MEDIUM");
    singleTask("alice", key); // registered, its triage task waiting

    assertThat(as("dave").getForObject("/engine-rest/process-definition?key={key}", JsonNode.class,
        IncidentProcess.KEY)).as("the models").isNotEmpty();
    String deployment = as("dave").getForObject("/engine-rest/process-definition?key={key}", JsonNode.class,
        IncidentProcess.KEY).get(0).get("deploymentId").asText();
    assertThat(as("dave").exchange("/engine-rest/deployment/{id}?cascade=true", HttpMethod.DELETE, null, String.class,
        deployment).getStatusCode()).as("deleting takes cases along").isEqualTo(HttpStatus.FORBIDDEN);
    for (String cases : List.of("/engine-rest/process-instance?businessKey={key}",
        "/engine-rest/task?processInstanceBusinessKey={key}", "/engine-rest/history/process-instance?processInstanceBusinessKey={key}",
        "/engine-rest/history/variable-instance?processInstanceIdIn=" + processInstanceOf(key))) {
      assertThat(as("dave").getForObject(cases, JsonNode.class, key)).as(cases).isEmpty();
      assertThat(as("admin").getForObject(cases, JsonNode.class, key)).as("admin: " + cases).isNotEmpty();
    }
  }

  private String processInstanceOf(String ticketKey) {
    return tickets.findByKey(ticketKey).orElseThrow().getProcessInstanceId();
  }

  private ResponseEntity<String> deploy(String user) {
    String bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                     xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="test">
          <process id="deploymentProbe" isExecutable="true" camunda:historyTimeToLive="1">
            <startEvent id="StartEvent_Probe" />
          </process>
        </definitions>
        """;
    var body = new LinkedMultiValueMap<String, Object>();
    body.add("deployment-name", "probe-by-" + user);
    body.add("data", new ByteArrayResource(bpmn.getBytes()) {
      @Override
      public String getFilename() {
        return "probe.bpmn";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return as(user).postForEntity("/engine-rest/deployment/create", new HttpEntity<>(body, headers), String.class);
  }

  @Test
  void agentsSeeTheQueueOfTheirGroupsMostUrgentFirst() {
    String requester = "Queue-" + java.util.UUID.randomUUID() + "@Example.org"; // kept in lower case
    String minor = report(requester, "Mouse wheel squeaks", "LOW", "LOW");
    String urgent = report(requester, "Payroll run fails", "MEDIUM", "HIGH");
    singleTask("alice", urgent); // both registered (the report commits before the first task exists)
    singleTask("alice", minor);
    String specs = "DisplayPort to USB-C, 2 m, for the Dell P2723 on desk 4.17\n".repeat(80); // over a variable's 4,000
    ResponseEntity<JsonNode> submitted = as("alice").postForEntity("/api/requests", json(Map.of(
        "catalogItem", "other-request", "requesterEmail", requester, "title", "A second monitor cable",
        "description", specs)), JsonNode.class);
    String request = submitted.getBody().get("ticketKey").asText(); // fulfilled by service-desk-l1, no priority
    assertThat(tickets.findByKey(request).orElseThrow().getDescription()).isEqualTo(specs);
    singleTask("alice", request); // in the group's queue once its fulfilment task exists

    List<JsonNode> firstLine = List.copyOf(iterable(as("alice").getForObject("/api/tickets?size=100", JsonNode.class)));
    assertThat(firstLine).extracting(entry -> entry.get("key").asText()).containsSubsequence(urgent, minor);
    assertThat(firstLine).allSatisfy(entry -> {
      assertThat(entry.get("assignmentGroup").asText()).isEqualTo("service-desk-l1");
      assertThat(entry.get("status").asText()).isNotEqualTo("CLOSED");
    });
    assertThat(List.copyOf(iterable(as("alice").getForObject("/api/tickets?requester={r}", JsonNode.class,
        requester)))).extracting(entry -> entry.get("key").asText()).containsExactly(urgent, minor, request);
    assertThat(as("alice").getForObject("/api/tickets?requester={r}&size=1&page=1", JsonNode.class, requester)
        .get(0).get("key").asText()).isEqualTo(minor);
    assertThat(as("alice").getForObject("/api/tickets/{key}", JsonNode.class, request).get("title").asText())
        .isEqualTo("A second monitor cable");

    assertThat(iterable(as("bob").getForObject("/api/tickets?requester={r}", JsonNode.class, requester)))
        .as("second line has none of them yet").isEmpty();
    assertThat(iterable(as("alice").getForObject("/api/tickets?requester={r}&status=CLOSED", JsonNode.class,
        requester))).isEmpty();
    assertThat(as("alice").getForEntity("/api/tickets?size=101", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(as("alice").getForEntity("/api/tickets?page=30000000&size=100", String.class).getStatusCode())
        .as("an offset past what a query takes").isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(as("alice").getForEntity("/api/tickets?status=CLOSED", String.class).getStatusCode())
        .as("a group's history is no queue").isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(rest.getForEntity("/api/tickets", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private String report(String requester, String title, String impact, String urgency) {
    ResponseEntity<JsonNode> reported = as("alice").postForEntity("/api/incidents", json(Map.of(
        "requesterEmail", requester, "title", title, "impact", impact, "urgency", urgency)), JsonNode.class);
    assertThat(reported.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return reported.getBody().get("ticketKey").asText();
  }

  private TestRestTemplate as(String user) {
    return rest.withBasicAuth(user, PASSWORD);
  }

  private List<JsonNode> tasksOf(String user, String ticketKey) {
    JsonNode tasks = as(user).getForObject("/engine-rest/task?processInstanceBusinessKey={key}", JsonNode.class, ticketKey);
    return tasks == null ? List.of() : List.copyOf(iterable(tasks));
  }

  /** The job executor sends the mails before the next task exists, so wait for it. */
  private JsonNode singleTask(String user, String ticketKey) {
    List<JsonNode> tasks = eventually(() -> tasksOf(user, ticketKey), found -> !found.isEmpty());
    assertThat(tasks).as("tasks %s sees", user).hasSize(1);
    return tasks.get(0);
  }

  private void claimAndComplete(String user, JsonNode task, Map<String, Object> variables) {
    ResponseEntity<String> claimed = as(user).postForEntity("/engine-rest/task/{id}/claim",
        json(Map.of("userId", user)), String.class, task.get("id").asText());
    assertThat(claimed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    ResponseEntity<String> completed = complete(user, task, variables);
    assertThat(completed.getStatusCode()).as(completed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  private ResponseEntity<String> complete(String user, JsonNode task, Map<String, Object> variables) {
    return as(user).exchange("/engine-rest/task/{id}/complete", HttpMethod.POST,
        json(Map.of("variables", variables)), String.class, task.get("id").asText());
  }

  private static Map<String, Object> escalation() {
    return Map.of("categoryPath", value("Network / VPN"), "outcome", value("ESCALATE"), "handOffNote", value(NOTE));
  }

  private static Map<String, Object> resolution() {
    return Map.of("categoryPath", value("Network / VPN"), "outcome", value("RESOLVED"),
        "resolutionCode", value("FIXED"),
        "resolutionNotes", value("Renewed the gateway certificate; please reconnect the VPN client."));
  }

  private static Map<String, Object> value(Object value) {
    return Map.of("value", value);
  }

  private static HttpEntity<Object> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  private static List<JsonNode> iterable(JsonNode array) {
    var list = new java.util.ArrayList<JsonNode>();
    array.forEach(list::add);
    return list;
  }
}
