package org.itilengine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.itilengine.Eventually.eventually;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.itilengine.TestPorts;
import org.itilengine.ticket.TicketRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The "ldap" profile on the embedded directory: agents log in with directory accounts, their
 * groups come from the directory, and a request filed over the desk API reaches the requester's
 * manager (also a directory account) as an approval task where that manager can open Tasklist.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.datasource.url=jdbc:h2:mem:directory-login;DB_CLOSE_DELAY=-1")
@ActiveProfiles({"default", "ldap"})
@ContextConfiguration(initializers = TestPorts.class)
@DirtiesContext
class DirectoryLoginTest {

  @Autowired TestRestTemplate rest;
  @Autowired TicketRepository tickets;

  @Test
  void agentsLogInWithTheirDirectoryPasswordAndGetTheirDirectoryGroups() {
    ResponseEntity<JsonNode> groups = rest.withBasicAuth("alice", "demo")
        .getForEntity("/engine-rest/identity/groups?userId=alice", JsonNode.class);
    assertThat(groups.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(groups.getBody().get("groups").findValuesAsText("id")).contains("service-desk-l1");

    assertThat(rest.withBasicAuth("alice", "wrong").getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("nobody", "demo").getForEntity("/api/requests/catalog", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aRequestFiledByAnAgentWaitsForTheRequestersManagerFromTheDirectory() {
    ResponseEntity<JsonNode> filed = rest.withBasicAuth("alice", "demo").postForEntity("/api/requests", Map.of(
        "catalogItem", "new-software", "requesterEmail", "pat@example.org", "title", "Diagram editor",
        "description", "For the process documentation."), JsonNode.class);
    assertThat(filed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String key = filed.getBody().get("ticketKey").asText();
    assertThat(key).matches("REQ-\\d{6}");

    JsonNode approvals = eventually(() -> rest.withBasicAuth("bob", "demo")
        .getForObject("/engine-rest/task?processInstanceBusinessKey=" + key, JsonNode.class), tasks -> tasks.size() == 1);
    assertThat(approvals.get(0).get("taskDefinitionKey").asText()).isEqualTo("Task_ApproveRequest");
    assertThat(approvals.get(0).get("assignee").asText()).isEqualTo("bob");
    assertThat(rest.withBasicAuth("carol", "demo")
        .getForObject("/engine-rest/task?processInstanceBusinessKey=" + key, JsonNode.class)).isEmpty();

    // Every directory user can log in, but only the desk's groups open Tasklist, where approvals are
    // decided: quinn's manager pat is no agent, so the fallback approver decides, and the journal says why.
    String quinns = rest.withBasicAuth("alice", "demo").postForEntity("/api/requests", Map.of(
        "catalogItem", "new-hardware", "requesterEmail", "quinn@example.org"), JsonNode.class)
        .getBody().get("ticketKey").asText();
    JsonNode davesApproval = eventually(() -> rest.withBasicAuth("dave", "demo")
        .getForObject("/engine-rest/task?processInstanceBusinessKey=" + quinns, JsonNode.class), tasks -> tasks.size() == 1);
    assertThat(davesApproval.get(0).get("assignee").asText()).isEqualTo("dave");
    assertThat(rest.withBasicAuth("pat", "demo")
        .getForObject("/engine-rest/task?processInstanceBusinessKey=" + quinns, JsonNode.class)).isEmpty();
    assertThat(tickets.findWithJournalByKey(quinns).orElseThrow().getJournal()).anyMatch(entry -> entry.getText()
        .equals("The manager pat cannot open Tasklist; the fallback approver dave decides instead"));

    // Agents file requests only through the desk API: starting the process themselves could begin
    // it past the approval or the code check.
    assertThat(rest.withBasicAuth("alice", "demo").postForEntity(
        "/engine-rest/process-definition/key/service-request/start", Map.of(), String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);

    ResponseEntity<String> missingGroup = rest.withBasicAuth("alice", "demo").postForEntity("/api/requests", Map.of(
        "catalogItem", "group-access", "requesterEmail", "pat@example.org"), String.class);
    assertThat(missingGroup.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  /** Every employee can sign in here, but filing in someone else's name is the desk's job, and on record. */
  @Test
  void onlyAgentsFileRequestsForOthersAndTheJournalNamesWho() {
    ResponseEntity<String> byPat = rest.withBasicAuth("pat", "demo").postForEntity("/api/requests", Map.of(
        "catalogItem", "new-hardware", "requesterEmail", "quinn@example.org", "title", "A laptop for Quinn"),
        String.class);
    assertThat(byPat.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(tickets.findAll()).noneMatch(ticket -> ticket.getTitle().equals("A laptop for Quinn"));

    String key = rest.withBasicAuth("alice", "demo").postForEntity("/api/requests", Map.of(
        "catalogItem", "new-hardware", "requesterEmail", "quinn@example.org", "title", "A laptop for Quinn"),
        JsonNode.class).getBody().get("ticketKey").asText();
    assertThat(tickets.findWithJournalByKey(key).orElseThrow().getJournal())
        .anyMatch(entry -> entry.getAuthor().equals("alice") && entry.getText().endsWith("filed by alice"));
  }

  @Test
  void aDirectoryThatWasToldToUseStartTlsIsNotUsedForLoginsInClear() {
    assertThatThrownBy(() -> DirectoryLogin.requireTlsWhereAsked("ldap://directory.example.org:389", true))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ldaps://");
    assertThatCode(() -> DirectoryLogin.requireTlsWhereAsked("ldaps://directory.example.org:636", true))
        .doesNotThrowAnyException();
    assertThatCode(() -> DirectoryLogin.requireTlsWhereAsked("ldap://127.0.0.1:3389", false))
        .as("no TLS asked for, as with the embedded demo directory").doesNotThrowAnyException();
  }
}
