package org.itilengine.request;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.itilengine.request.ServiceRequestProcess.*;
import static org.itilengine.request.ServiceRequestProcess.Elements.*;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.itilengine.AsyncSteps;
import org.itilengine.TestPorts;
import org.junit.jupiter.api.AfterAll;
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

  @Test
  void aDeactivatedAccountIsReactivatedThroughScimAfterTheCodeCheck() {
    init(engine);
    SCIM.stubFor(get(urlPathEqualTo("/scim/v2/Users")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/scim+json").withBody("""
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 1,
             "Resources": [{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "2819c223",
               "userName": "sam", "displayName": "Sam Sommer", "active": false, "userType": "employee",
               "emails": [{"value": "sam@example.org", "primary": true}]}]}""")));
    SCIM.stubFor(patch(urlPathEqualTo("/scim/v2/Users/2819c223")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/scim+json")
        .withBody("{\"id\": \"2819c223\", \"userName\": \"sam\", \"active\": true}")));

    ProcessInstance request = runtime.createMessageCorrelation(MESSAGE_REQUEST_SUBMITTED)
        .setVariables(Variables.createVariables().putValue(CATALOG_ITEM.name(), "account-unlock")
            .putValue(REQUESTER_EMAIL.name(), "sam@example.org").putValue(TITLE.name(), "Account locked"))
        .correlateStartMessage();
    AsyncSteps.run(management, request);
    assertThat(request).isWaitingAt(TASK_AWAIT_VERIFICATION_CODE);

    MockEndpoint mails = camel.getEndpoint("mock:notifications", MockEndpoint.class);
    String text = mails.getExchanges().get(mails.getExchanges().size() - 1).getIn()
        .getHeader(MailConstants.MAIL_ALTERNATIVE_BODY, String.class);
    Matcher code = Pattern.compile("this code: (\\d{6})").matcher(text);
    assertThat(code.find()).isTrue();
    runtime.createMessageCorrelation(MESSAGE_VERIFICATION_REPLY).processInstanceId(request.getId())
        .setVariables(Variables.createVariables()
            .putValueTyped(VERIFICATION_REPLY.name(), Variables.stringValue(code.group(1), true)))
        .correlate();
    AsyncSteps.run(management, request);

    assertThat(request).hasPassed(TASK_FULFIL_AUTOMATICALLY, END_FULFILLED).isEnded();
    SCIM.verify(patchRequestedFor(urlPathEqualTo("/scim/v2/Users/2819c223")).withRequestBody(equalToJson("""
        {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations": [{"op": "replace", "path": "active", "value": true}]}""")));
  }


}
