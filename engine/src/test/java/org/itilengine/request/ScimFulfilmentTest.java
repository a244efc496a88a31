package org.itilengine.request;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.itilengine.request.ServiceRequestProcess.*;
import static org.itilengine.request.ServiceRequestProcess.Elements.*;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.itilengine.AsyncSteps;
import org.itilengine.TestPorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same service-request flow with a SCIM 2.0 identity provider instead of LDAP (chosen by
 * {@code itil.service-requests.identity-provider}); the provider is WireMock speaking RFC 7644.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:scim-fulfilment;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "itil.notifications.endpoint=mock:notifications",
    "itil.service-requests.identity-provider=scim",
    "itil.directory.scim.token=scim-test-token"})
@ContextConfiguration(initializers = TestPorts.class)
@DirtiesContext
class ScimFulfilmentTest {

  static final WireMockServer SCIM = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

  /** Runs before the application context is built, which needs the provider's address. */
  @DynamicPropertySource
  static void startScim(DynamicPropertyRegistry registry) {
    SCIM.start();
    registry.add("itil.directory.scim.base-url", () -> SCIM.baseUrl() + "/scim/v2");
  }

  @AfterAll
  static void stopScim() {
    SCIM.stop();
  }

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired CamelContext camel;
  @Autowired TaskService tasks;

  @BeforeEach
  void reset() {
    init(engine);
    SCIM.resetAll();
  }

  @Test
  void anApprovedGroupAccessIsGrantedThroughAScimPatch() {
    stubUser("2819c223", "sam@example.org", true, "employee", null);
    SCIM.stubFor(get(urlPathEqualTo("/scim/v2/Groups")).willReturn(scim("""
        {"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 1,
         "Resources": [{"id": "g-vpn", "displayName": "vpn-users"}]}""")));
    SCIM.stubFor(patch(urlPathEqualTo("/scim/v2/Groups/g-vpn")).willReturn(aResponse().withStatus(204)));

    ProcessInstance request = submit("sam@example.org", "group-access", "vpn-users");
    approve(request, "dave"); // sam's SCIM record names no manager: the fallback approver
    approve(request, "erin"); // the owner of vpn-users

    assertThat(request).hasPassed(TASK_FULFIL_AUTOMATICALLY, END_FULFILLED).isEnded();
    SCIM.verify(patchRequestedFor(urlPathEqualTo("/scim/v2/Groups/g-vpn")).withRequestBody(equalToJson("""
        {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations": [{"op": "add", "path": "members", "value": [{"value": "2819c223"}]}]}""")));
  }

  /**
   * The provider names people by resource id, which no desk login is: the manager's address finds
   * their desk account, and the requester's address theirs, so the fallback approver is not asked
   * to approve his own request (nor can he) when the provider names him under another id.
   */
  @Test
  void theManagerTheProviderNamesApprovesAndNobodyApprovesTheirOwnRequest() {
    stubUser("00u2sam", "sam@example.org", true, "employee", "00u1bob");
    stubUserById("00u1bob", "bob@example.org");
    ProcessInstance sams = submit("sam@example.org", "new-software", null);
    assertThat(runtime.getVariable(sams.getId(), MANAGER_USER_ID.name())).isEqualTo("bob");
    approve(sams, "bob");
    assertThat(sams).isWaitingAt(TASK_FULFIL_BY_HAND);

    stubUser("00u3dave", "dave@example.org", true, "employee", null);
    ProcessInstance daves = submit("dave@example.org", "new-software", null);
    Task approval = tasks.createTaskQuery().processInstanceId(daves.getId()).singleResult();
    assertThat(approval.getAssignee()).as("dave is the fallback approver, and the requester").isNull();
    assertThat(tasks.createTaskQuery().taskId(approval.getId()).taskCandidateGroup("service-desk-l2").count()).isOne();
    tasks.claim(approval.getId(), "dave");
    assertThatThrownBy(() -> tasks.complete(approval.getId(), Variables.createVariables()
        .putValue(APPROVAL_DECISION.name(), "APPROVED"))).hasMessageContaining("your own request");
    tasks.setAssignee(approval.getId(), "bob");
    approve(daves, "bob");
    assertThat(daves).isWaitingAt(TASK_FULFIL_BY_HAND);
  }

  @Test
  void tierZeroNeverReactivatesAScimAccountAPersonChecksFirst() {
    stubUser("5d8a1c0e", "kim@example.org", false, "employee", null);

    ProcessInstance request = verifiedSelfService("account-unlock", "kim@example.org");

    assertThat(request).hasPassed("Error_FulfilmentRefused").isWaitingAt(TASK_FULFIL_BY_HAND);
    assertThat(runtime.getVariable(request.getId(), HAND_OFF_NOTE.name()).toString())
        .contains("cannot tell a locked account from a deactivated one");
    SCIM.verify(0, patchRequestedFor(urlPathEqualTo("/scim/v2/Users/5d8a1c0e")));
  }

  @Test
  void aTemporaryPasswordTheProviderRefusesIsWithdrawnByMailAndAPersonTakesOver() {
    stubUser("7f3e9b21", "kim@example.org", true, "employee", null);
    SCIM.stubFor(patch(urlPathEqualTo("/scim/v2/Users/7f3e9b21")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/scim+json").withBody("""
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"], "status": "400",
             "scimType": "invalidValue", "detail": "password does not meet the policy"}""")));

    ProcessInstance request = verifiedSelfService("password-reset", "kim@example.org");

    assertThat(request).hasPassed("Error_FulfilmentRefused").isWaitingAt(TASK_FULFIL_BY_HAND);
    List<String> subjects = mails().getExchanges().stream()
        .map(mail -> mail.getIn().getHeader("Subject", String.class)).toList();
    assertThat(subjects.subList(subjects.size() - 2, subjects.size())).satisfiesExactly(
        first -> assertThat(first).endsWith("Your temporary password"),
        second -> assertThat(second).endsWith("Please ignore the temporary password"));
    assertThat(runtime.getVariable(request.getId(), HAND_OFF_NOTE.name()).toString())
        .contains("password does not meet the policy");
  }

  /** SCIM providers spell userType as they like ("Contractor", null); the approval table reads it all the same. */
  @Test
  void theRequestersUserTypeDecidesTheApprovalWhateverItsCase() {
    stubUser("4a7c2e10", "sam@example.org", true, "Contractor", null);
    ProcessInstance contractor = submit("sam@example.org", "new-software", null);
    assertThat(runtime.getVariable(contractor.getId(), EMPLOYEE_TYPE.name())).isEqualTo("contractor");
    assertThat(runtime.getVariable(contractor.getId(), APPROVAL_LEVEL.name())).isEqualTo("MANAGER_AND_OWNER");

    stubUser("4a7c2e10", "sam@example.org", true, "Intern", null); // a type the table does not know: both approve
    ProcessInstance intern = submit("sam@example.org", "new-software", null);
    assertThat(runtime.getVariable(intern.getId(), EMPLOYEE_TYPE.name())).isEqualTo("unknown");
    assertThat(runtime.getVariable(intern.getId(), APPROVAL_LEVEL.name())).isEqualTo("MANAGER_AND_OWNER");
  }

  /**
   * A search the provider rejects (here a wrong base URL, 404) says nothing about the requester:
   * the job retries and then waits as an incident in Cockpit; the requester is not "unknown".
   */
  @Test
  void aRejectedSearchByMailEndsAsACockpitIncidentNotAsAnUnknownRequester() {
    SCIM.stubFor(get(urlPathEqualTo("/scim/v2/Users")).willReturn(aResponse().withStatus(404)));
    ProcessInstance request = runtime.createMessageCorrelation(MESSAGE_REQUEST_SUBMITTED)
        .setVariables(Variables.createVariables().putValue(CATALOG_ITEM.name(), "new-software")
            .putValue(REQUESTER_EMAIL.name(), "sam@example.org"))
        .correlateStartMessage();
    execute(job(request, TASK_ACKNOWLEDGE));
    for (Job identify = job(request, TASK_IDENTIFY_REQUESTER); identify.getRetries() > 0;
        identify = job(request, TASK_IDENTIFY_REQUESTER)) {
      String jobId = identify.getId();
      assertThatThrownBy(() -> management.executeJob(jobId)).hasMessageContaining("Directory 'scim' could not");
    }

    Incident incident = runtime.createIncidentQuery().processInstanceId(request.getId()).singleResult();
    assertThat(incident.getActivityId()).isEqualTo(TASK_IDENTIFY_REQUESTER);
    assertThat(runtime.getVariable(request.getId(), REQUESTER_KNOWN.name())).isNull();
  }

  private Job job(ProcessInstance request, String activityId) {
    return management.createJobQuery().processInstanceId(request.getId()).activityId(activityId).singleResult();
  }

  /** The provider's answer to the search by mail: this one user, naming their manager (a resource id) or none. */
  private void stubUser(String id, String email, boolean active, String userType, String managerId) {
    SCIM.stubFor(get(urlPathEqualTo("/scim/v2/Users")).willReturn(scim("""
        {"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 1,
         "Resources": [%s]}""".formatted(user(id, email, active, userType, managerId)))));
  }

  /** The provider's answer to GET /Users/{id}, by which the desk reads a manager. */
  private void stubUserById(String id, String email) {
    SCIM.stubFor(get(urlPathEqualTo("/scim/v2/Users/" + id)).willReturn(scim(user(id, email, true, "employee", null))));
  }

  private static String user(String id, String email, boolean active, String userType, String managerId) {
    return """
        {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "%s",
         "userName": "%s", "displayName": "%s", "active": %s, "userType": "%s",
         "emails": [{"value": "%s", "primary": true}]%s}""".formatted(id, email, email, active, userType, email,
        managerId == null ? "" : """
            , "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"manager": {"value": "%s"}}"""
            .formatted(managerId));
  }

  private static ResponseDefinitionBuilder scim(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/scim+json").withBody(body);
  }

  /** A Tier 0 request, answered with the one-time code the desk sent to the address on file. */
  private ProcessInstance verifiedSelfService(String item, String requester) {
    ProcessInstance request = runtime.createMessageCorrelation(MESSAGE_REQUEST_SUBMITTED)
        .setVariables(Variables.createVariables().putValue(CATALOG_ITEM.name(), item)
            .putValue(REQUESTER_EMAIL.name(), requester).putValue(TITLE.name(), "Tier 0: " + item))
        .correlateStartMessage();
    AsyncSteps.run(management, request);
    List<Exchange> sent = mails().getExchanges();
    String text = sent.get(sent.size() - 1).getIn().getHeader(MailConstants.MAIL_ALTERNATIVE_BODY, String.class);
    Matcher code = Pattern.compile("this code: (\\d{6})").matcher(text);
    assertThat(code.find()).isTrue();
    runtime.createMessageCorrelation(MESSAGE_VERIFICATION_REPLY).processInstanceId(request.getId())
        .setVariables(Variables.createVariables()
            .putValueTyped(VERIFICATION_REPLY.name(), Variables.stringValue(code.group(1), true)))
        .correlate();
    AsyncSteps.run(management, request);
    return request;
  }

  private MockEndpoint mails() {
    return camel.getEndpoint("mock:notifications", MockEndpoint.class);
  }

  private ProcessInstance submit(String requester, String item, String group) {
    ProcessInstance request = runtime.createMessageCorrelation(MESSAGE_REQUEST_SUBMITTED)
        .setVariables(Variables.createVariables().putValue(CATALOG_ITEM.name(), item)
            .putValue(REQUESTER_EMAIL.name(), requester).putValue(ACCESS_GROUP.name(), group))
        .correlateStartMessage();
    AsyncSteps.run(management, request);
    return request;
  }

  private void approve(ProcessInstance request, String approver) {
    Task task = tasks.createTaskQuery().processInstanceId(request.getId()).singleResult();
    assertThat(task.getAssignee()).isEqualTo(approver);
    tasks.complete(task.getId(), Variables.createVariables().putValue(APPROVAL_DECISION.name(), "APPROVED"));
    AsyncSteps.run(management, request);
  }
}
