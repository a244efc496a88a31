package org.itilengine.connectors.identity.scim;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import java.util.Set;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.itilengine.connectors.identity.DirectoryUser;
import org.itilengine.connectors.identity.IdentityProviderUnavailableException;
import org.itilengine.connectors.identity.IdentityRequestRejectedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The SCIM routes against a WireMock provider that speaks RFC 7644. */
@CamelSpringBootTest
@SpringBootTest(classes = ScimRouteTest.TestApp.class)
class ScimRouteTest {

  @SpringBootApplication(scanBasePackages = "org.itilengine.connectors")
  @ConfigurationPropertiesScan("org.itilengine.connectors")
  static class TestApp {
  }

  /** A fixed port, so the provider comes back on the same one after the outage test. */
  static final WireMockServer SCIM = new WireMockServer(options().port(freePort()).bindAddress("127.0.0.1"));
  static final String TOKEN = "test-token-123";
  static final String LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
  static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
  static final DirectoryUser PAT = new DirectoryUser("u-pat", "pat@example.org", "Pat Parker", null, null, null, false);

  static {
    SCIM.start();
  }

  @AfterAll
  static void stopScim() {
    SCIM.stop();
  }

  @DynamicPropertySource
  static void scim(DynamicPropertyRegistry registry) {
    registry.add("itil.mail.desk-address", () -> "servicedesk@example.org");
    registry.add("itil.mail.desk-name", () -> "Service Desk");
    registry.add("itil.mail.poll-interval", () -> "1s");
    registry.add("itil.mail.parse-timeout", () -> "5s");
    registry.add("itil.notifications.endpoint", () -> "log:notifications");
    registry.add("itil.directory.scim.base-url", () -> "http://127.0.0.1:" + SCIM.port() + "/scim/v2");
    registry.add("itil.directory.scim.token", () -> TOKEN);
    registry.add("itil.directory.scim.max-redeliveries", () -> "2");
    registry.add("itil.directory.scim.redelivery-delay", () -> "10ms");
    registry.add("itil.directory.scim.response-timeout", () -> "2s");
  }

  @Autowired ScimDirectory directory;

  @BeforeEach
  void reset() {
    SCIM.resetAll();
  }

  @Test
  void findsAUserByMail() {
    SCIM.stubFor(get(urlPathEqualTo("/scim/v2/Users"))
        .withQueryParam("filter", equalTo("emails.value eq \"pat@example.org\""))
        .willReturn(scim(200, """
            {"schemas": ["%s"], "totalResults": 1, "itemsPerPage": 1, "startIndex": 1,
             "Resources": [{
               "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                           "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
               "id": "u-pat", "userName": "pat", "name": {"formatted": "Ms. Pat Parker"},
               "displayName": "Pat Parker", "userType": "employee", "active": true,
               "emails": [{"value": "pat.home@example.net", "type": "home"},
                          {"value": "pat@example.org", "type": "work", "primary": true}],
               "groups": [{"value": "g-vpn", "display": "vpn-users"}],
               "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
                 "manager": {"value": "u-bob", "displayName": "Bob Brandt"}}}]}
            """.formatted(LIST))));

    assertThat(directory.findByEmail("pat@example.org")).contains(new DirectoryUser("u-pat", "pat@example.org",
        "Pat Parker", "u-bob", "employee", Set.of("vpn-users"), false));
    SCIM.verify(getRequestedFor(urlEqualTo(
        "/scim/v2/Users?filter=emails.value%20eq%20%22pat%40example.org%22"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
  }

  /** The manager a user names is a resource id; reading that user gives the manager's address. */
  @Test
  void findsAUserById() {
    SCIM.stubFor(get(urlEqualTo("/scim/v2/Users/u-bob")).willReturn(scim(200, """
        {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "u-bob", "userName": "bob",
         "displayName": "Bob Brandt", "emails": [{"value": "bob@example.org", "primary": true}]}""")));
    SCIM.stubFor(get(urlEqualTo("/scim/v2/Users/u-gone")).willReturn(scim(404, """
        {"schemas": ["%s"], "status": "404", "detail": "Resource u-gone not found"}""".formatted(ERROR))));

    assertThat(directory.findById("u-bob")).contains(new DirectoryUser("u-bob", "bob@example.org", "Bob Brandt",
        null, null, Set.of(), false));
    assertThatThrownBy(() -> directory.findById("u-gone")).isInstanceOf(IdentityRequestRejectedException.class)
        .hasMessageContaining("HTTP 404 Resource u-gone not found");
  }

  @Test
  void anUnknownMailFindsNobodyAndQuotesAreEscaped() {
    SCIM.stubFor(get(urlPathEqualTo("/scim/v2/Users"))
        .willReturn(scim(200, "{\"schemas\": [\"" + LIST + "\"], \"totalResults\": 0, \"Resources\": []}")));

    assertThat(directory.findByEmail("x\" or userName pr or \"@example.org")).isEmpty();
    SCIM.verify(getRequestedFor(urlPathEqualTo("/scim/v2/Users"))
        .withQueryParam("filter", equalTo("emails.value eq \"x\\\" or userName pr or \\\"@example.org\"")));
  }

  @Test
  void unlockActivatesTheUser() {
    SCIM.stubFor(patch(urlEqualTo("/scim/v2/Users/u-pat")).willReturn(scim(200, "{\"id\": \"u-pat\"}")));

    directory.unlock(PAT);

    SCIM.verify(patchRequestedFor(urlEqualTo("/scim/v2/Users/u-pat"))
        .withHeader("Content-Type", equalTo("application/scim+json"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withRequestBody(equalToJson("""
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations": [{"op": "replace", "path": "active", "value": true}]}""")));
  }

  @Test
  void onlyAUserWhoReallyHasTheAddressCountsAndOnlyOne() {
    // A provider that ignores the filter returns whoever it likes.
    SCIM.stubFor(get(urlPathEqualTo("/scim/v2/Users")).willReturn(scim(200, """
        {"schemas": ["%s"], "totalResults": 2, "Resources": [
          {"id": "u-other", "userName": "other", "emails": [{"value": "other@example.org"}]},
          {"id": "u-pat", "userName": "pat", "emails": [{"value": "pat@example.org"}]}]}""".formatted(LIST))));
    assertThat(directory.findByEmail("pat@example.org")).map(DirectoryUser::id).contains("u-pat");
    assertThat(directory.findByEmail("nobody@example.org")).isEmpty();

    SCIM.stubFor(get(urlPathEqualTo("/scim/v2/Users")).willReturn(scim(200, """
        {"schemas": ["%s"], "totalResults": 2, "Resources": [
          {"id": "u-1", "emails": [{"value": "shared@example.org"}]},
          {"id": "u-2", "emails": [{"value": "Shared@example.org"}]}]}""".formatted(LIST))));
    assertThatThrownBy(() -> directory.findByEmail("shared@example.org"))
        .isInstanceOf(IdentityRequestRejectedException.class).hasMessageContaining("2 SCIM users");
  }

  @Test
  void aTemporaryPasswordReplacesThePassword() {
    SCIM.stubFor(patch(urlEqualTo("/scim/v2/Users/u-pat")).willReturn(aResponse().withStatus(204)));

    directory.setTemporaryPassword(PAT, "Temp-4711!");

    SCIM.verify(patchRequestedFor(urlEqualTo("/scim/v2/Users/u-pat")).withRequestBody(equalToJson("""
        {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations": [{"op": "replace", "path": "password", "value": "Temp-4711!"}]}""")));
  }

  @Test
  void addAndRemoveGroupMembers() {
    stubGroup("finance-app", "g-fin");
    SCIM.stubFor(patch(urlEqualTo("/scim/v2/Groups/g-fin")).willReturn(aResponse().withStatus(204)));

    directory.addToGroup(PAT, "finance-app");
    directory.removeFromGroup(PAT, "finance-app");

    SCIM.verify(2, getRequestedFor(urlPathEqualTo("/scim/v2/Groups"))
        .withQueryParam("filter", equalTo("displayName eq \"finance-app\"")));
    SCIM.verify(patchRequestedFor(urlEqualTo("/scim/v2/Groups/g-fin")).withRequestBody(equalToJson("""
        {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations": [{"op": "add", "path": "members", "value": [{"value": "u-pat"}]}]}""")));
    SCIM.verify(patchRequestedFor(urlEqualTo("/scim/v2/Groups/g-fin")).withRequestBody(equalToJson("""
        {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
         "Operations": [{"op": "remove", "path": "members[value eq \\"u-pat\\"]"}]}""")));
  }

  @Test
  void anUnknownGroupIsRejected() {
    SCIM.stubFor(get(urlPathEqualTo("/scim/v2/Groups"))
        .willReturn(scim(200, "{\"schemas\": [\"" + LIST + "\"], \"totalResults\": 0, \"Resources\": []}")));

    assertThatThrownBy(() -> directory.addToGroup(PAT, "no-such-group"))
        .isInstanceOf(IdentityRequestRejectedException.class).hasMessageContaining("no-such-group");
  }

  @Test
  void onlyTheOneGroupOfExactlyThatNameIsChanged() {
    // A provider that ignores the filter, or matches it loosely, answers with whatever groups it likes.
    SCIM.stubFor(get(urlPathEqualTo("/scim/v2/Groups")).willReturn(scim(200, """
        {"schemas": ["%s"], "totalResults": 1,
         "Resources": [{"id": "g-fin-admins", "displayName": "finance-app-admins"}]}""".formatted(LIST))));
    assertThatThrownBy(() -> directory.addToGroup(PAT, "finance-app"))
        .isInstanceOf(IdentityRequestRejectedException.class).hasMessageContaining("No SCIM group named finance-app");

    SCIM.stubFor(get(urlPathEqualTo("/scim/v2/Groups")).willReturn(scim(200, """
        {"schemas": ["%s"], "totalResults": 2, "Resources": [
          {"id": "g-fin-1", "displayName": "finance-app"}, {"id": "g-fin-2", "displayName": "finance-app"}]}"""
        .formatted(LIST))));
    assertThatThrownBy(() -> directory.addToGroup(PAT, "finance-app"))
        .isInstanceOf(IdentityRequestRejectedException.class).hasMessageContaining("2 SCIM groups are named finance-app");

    SCIM.stubFor(get(urlPathEqualTo("/scim/v2/Groups")).willReturn(scim(200, """
        {"schemas": ["%s"], "totalResults": 1, "Resources": [{"id": "g-fin", "displayName": "Finance-App"}]}"""
        .formatted(LIST))));
    assertThatThrownBy(() -> directory.addToGroup(PAT, "finance-app")).as("not quite the name asked for")
        .isInstanceOf(IdentityRequestRejectedException.class);
    SCIM.verify(0, patchRequestedFor(urlPathEqualTo("/scim/v2/Groups/g-fin-admins")));
    SCIM.verify(0, patchRequestedFor(urlPathEqualTo("/scim/v2/Groups/g-fin-1")));
    SCIM.verify(0, patchRequestedFor(urlPathEqualTo("/scim/v2/Groups/g-fin")));
  }

  /**
   * Only a 200 without the address makes a requester unknown. A 404 (a wrong base URL) or a 400 (a
   * filter the provider does not take) says nothing about them: the provider is unavailable.
   */
  @Test
  void aSearchByMailTheProviderRejectsIsUnavailableNotUnknown() {
    SCIM.stubFor(get(urlPathEqualTo("/scim/v2/Users")).willReturn(error(404, "No such endpoint")));
    assertThatThrownBy(() -> directory.findByEmail("pat@example.org"))
        .isInstanceOf(IdentityProviderUnavailableException.class).hasMessageContaining("404");

    SCIM.stubFor(get(urlPathEqualTo("/scim/v2/Users")).willReturn(error(400, "Unsupported filter")));
    assertThatThrownBy(() -> directory.findByEmail("pat@example.org"))
        .isInstanceOf(IdentityProviderUnavailableException.class).hasMessageContaining("400");
  }

  @Test
  void notFoundIsRejectedWithoutRetry() {
    SCIM.stubFor(patch(urlEqualTo("/scim/v2/Users/u-gone"))
        .willReturn(error(404, "Resource u-gone not found")));

    assertThatThrownBy(() -> directory.unlock(new DirectoryUser("u-gone", null, null, null, null, null, true)))
        .isInstanceOf(IdentityRequestRejectedException.class)
        .hasMessageContaining("unlock u-gone").hasMessageContaining("404");
    SCIM.verify(1, patchRequestedFor(urlEqualTo("/scim/v2/Users/u-gone")));
  }

  @Test
  void aConflictIsRejectedWithTheProvidersDetail() {
    stubGroup("finance-app", "g-fin");
    SCIM.stubFor(patch(urlEqualTo("/scim/v2/Groups/g-fin"))
        .willReturn(error(409, "User u-pat is already a member of g-fin")));

    assertThatThrownBy(() -> directory.addToGroup(PAT, "finance-app"))
        .isInstanceOf(IdentityRequestRejectedException.class)
        .hasMessageContaining("add u-pat to group finance-app")
        .hasMessageContaining("User u-pat is already a member of g-fin");
    SCIM.verify(1, patchRequestedFor(urlEqualTo("/scim/v2/Groups/g-fin")));
  }

  @Test
  void aServerErrorIsRedeliveredUntilItSucceeds() {
    SCIM.stubFor(flakyUnlock(STARTED).willReturn(error(503, "busy")).willSetStateTo("once"));
    SCIM.stubFor(flakyUnlock("once").willReturn(error(503, "busy")).willSetStateTo("recovered"));
    SCIM.stubFor(flakyUnlock("recovered").willReturn(scim(200, "{\"id\": \"u-pat\"}")));

    directory.unlock(PAT);

    SCIM.verify(3, patchRequestedFor(urlEqualTo("/scim/v2/Users/u-pat")));
  }

  @Test
  void aProviderThatKeepsFailingIsUnavailable() {
    SCIM.stubFor(patch(urlEqualTo("/scim/v2/Users/u-pat")).willReturn(error(500, "broken")));

    assertThatThrownBy(() -> directory.unlock(PAT))
        .isInstanceOf(IdentityProviderUnavailableException.class)
        .hasMessageContaining("scim");
    SCIM.verify(3, patchRequestedFor(urlEqualTo("/scim/v2/Users/u-pat")));
  }

  @Test
  void aProviderThatIsDownIsUnavailable() {
    SCIM.stop();
    try {
      assertThatThrownBy(() -> directory.findByEmail("pat@example.org"))
          .isInstanceOf(IdentityProviderUnavailableException.class);
    } finally {
      SCIM.start();
    }
  }

  @Test
  void refusedCredentialsAreUnavailableAndNotRetried() {
    SCIM.stubFor(patch(urlEqualTo("/scim/v2/Users/u-pat")).willReturn(error(401, "Invalid token")));

    assertThatThrownBy(() -> directory.unlock(PAT))
        .isInstanceOf(IdentityProviderUnavailableException.class)
        .hasMessageNotContaining(TOKEN);
    SCIM.verify(1, patchRequestedFor(urlEqualTo("/scim/v2/Users/u-pat")));
  }

  private static ScenarioMappingBuilder flakyUnlock(String state) {
    return patch(urlEqualTo("/scim/v2/Users/u-pat")).inScenario("flaky").whenScenarioStateIs(state);
  }

  private static void stubGroup(String name, String id) {
    SCIM.stubFor(get(urlPathEqualTo("/scim/v2/Groups"))
        .withQueryParam("filter", equalTo("displayName eq \"" + name + "\""))
        .willReturn(scim(200, """
            {"schemas": ["%s"], "totalResults": 1,
             "Resources": [{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                            "id": "%s", "displayName": "%s"}]}""".formatted(LIST, id, name))));
  }

  private static ResponseDefinitionBuilder scim(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/scim+json").withBody(body);
  }

  private static ResponseDefinitionBuilder error(int status, String detail) {
    return scim(status, """
        {"schemas": ["%s"], "status": "%d", "detail": "%s"}""".formatted(ERROR, status, detail));
  }

  private static int freePort() {
    try (var socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
