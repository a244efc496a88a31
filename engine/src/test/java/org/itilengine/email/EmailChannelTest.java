package org.itilengine.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.itilengine.Eventually.eventually;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.itilengine.DeskMail;
import org.itilengine.TestIncidents;
import org.itilengine.TestPorts;
import org.itilengine.connectors.mail.EmbeddedMailServer;
import org.itilengine.connectors.mail.InboundMailHandler.Outcome;
import org.itilengine.connectors.mail.MailParser;
import org.itilengine.connectors.mail.MailboxContents;
import org.itilengine.connectors.mail.MailboxReaders;
import org.itilengine.connectors.mail.ParsedMail;
import org.itilengine.incident.IncidentProcess;
import org.itilengine.incident.RequesterMail;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketAttachment;
import org.itilengine.ticket.TicketAttachmentRepository;
import org.itilengine.ticket.TicketEntry;
import org.itilengine.ticket.TicketRepository;
import org.itilengine.ticket.TicketStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The email channel end to end over real SMTP and IMAP (the embedded GreenMail server): mails
 * become incidents, replies thread onto them, requesters hear back, noise is ignored, nothing is
 * lost or duplicated. The job executor runs, as in production.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:email-channel;DB_CLOSE_DELAY=-1",
    "itil.mail.max-attachment-bytes=50000"})
@DirtiesContext
@ContextConfiguration(initializers = TestPorts.class)
@AutoConfigureObservability(tracing = false) // Boot switches metrics export off in tests otherwise
class EmailChannelTest {

  private static final String DESK = DeskMail.DESK;

  @Autowired EmbeddedMailServer mailServer;
  @Autowired MailboxReaders readers;
  @Autowired EmailIntake intake;
  @Autowired TicketRepository tickets;
  @Autowired TicketAttachmentRepository attachments;
  @Autowired MailMessageRepository mails;
  @Autowired QuarantinedMailRepository quarantine;
  @Autowired MutedAddressRepository muted;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired TestRestTemplate rest;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aNewMailBecomesAnIncidentAndTheRequesterIsAcknowledgedInTheSameThread() throws Exception {
    String id = send(mail("new1@example.org", "Laptop does not boot", "Black screen since the update."));

    Ticket ticket = ticketOf("new1@example.org");
    assertThat(ticket.getTitle()).isEqualTo("Laptop does not boot");
    assertThat(ticket.getDescription()).isEqualTo("Black screen since the update.");
    assertThat(ticket.getKey()).matches("INC-\\d{6}");
    // A mail with no display name and no dropped attachment adds no empty variables to the instance.
    assertThat(runtime.getVariables(ticket.getProcessInstanceId()))
        .containsEntry(IncidentProcess.TITLE.name(), "Laptop does not boot")
        .doesNotContainKeys(IncidentProcess.REQUESTER_NAME.name(), IncidentProcess.DROPPED_ATTACHMENTS.name());

    MimeMessage ack = mailTo("new1@example.org", "We have your request");
    assertThat(ack.getSubject()).startsWith("[" + ticket.getKey() + "]");
    assertThat(ack.getHeader("In-Reply-To", null)).isEqualTo(id);
    assertThat(ack.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
    assertThat(text(ack)).contains("priority P3");
    eventually(() -> seen(id), Boolean::booleanValue);
  }

  @Test
  void aLongMailBecomesAnIncidentWithItsWholeText() throws Exception {
    String log = "2026-12-03 10:15:00 ERROR sync failed: connection reset by peer\n".repeat(200); // 12,800 characters
    String name = "Dr. " + "Longname-".repeat(40); // 364 characters, more than the ticket's column
    send(mail("\"" + name + "\" <long@example.org>", "Sync client log", "The log:\n" + log));

    Ticket ticket = ticketOf("long@example.org");
    assertThat(ticket.getRequesterName()).hasSize(255).startsWith("Dr. Longname-");
    assertThat(ticket.getDescription()).hasSizeGreaterThan(12_000).endsWith("connection reset by peer");
    Task triage = eventually(() -> tasks.createTaskQuery().processInstanceBusinessKey(ticket.getKey()).singleResult(),
        t -> t != null);
    assertThat((String) tasks.getVariable(triage.getId(), IncidentProcess.DESCRIPTION.name())).as("what the form shows")
        .hasSize(4000).startsWith("The log:").endsWith("the whole text is on the ticket]");
    assertThat(tasks.getVariables(triage.getId())).doesNotContainKey(IncidentProcess.WHOLE_DESCRIPTION.name());
    assertThat(rest.withBasicAuth("alice", "demo").getForObject("/api/tickets/{key}", JsonNode.class, ticket.getKey())
        .get("description").asText()).as("the whole text for the agent").isEqualTo(ticket.getDescription());
  }

  @Test
  void repliesThreadByTheKeyInTheSubjectAndByInReplyToAlone() throws Exception {
    send(mail("thread@example.org", "VPN drops", "Every five minutes."));
    Ticket ticket = ticketOf("thread@example.org");
    MimeMessage ack = mailTo("thread@example.org", "We have your request");

    send(mail("thread@example.org", "Re: [" + ticket.getKey() + "] VPN drops", "It happened again at 10:15."));
    send(mail("thread@example.org", "more details", "Here is my VPN client version: 5.2.",
        "In-Reply-To: " + ack.getMessageID()));

    eventually(() -> journal(ticket.getKey()), entries -> entries.stream()
        .filter(e -> e.getKind() == EntryKind.PUBLIC_REPLY).count() == 2);
    assertThat(journal(ticket.getKey())).filteredOn(e -> e.getKind() == EntryKind.PUBLIC_REPLY)
        .extracting(TicketEntry::getText).containsExactly("It happened again at 10:15.", "Here is my VPN client version: 5.2.");
    Task triage = eventually(() -> tasks.createTaskQuery().processInstanceBusinessKey(ticket.getKey()).singleResult(),
        t -> t != null);
    assertThat(tasks.getVariable(triage.getId(), IncidentProcess.REQUESTER_ANSWER.name())).as("the form shows it")
        .isEqualTo("Here is my VPN client version: 5.2.");
    assertThat(tickets.findAll()).filteredOn(t -> t.getRequesterEmail().equals("thread@example.org")).hasSize(1);
  }

  @Test
  void confirmingClosesAndNotFixedReopens() throws Exception {
    Ticket first = reportedAndResolved("confirm@example.org",
        mail("confirm@example.org", "Printer jammed", "Paper stuck."));
    send(mail("confirm@example.org", "Re: [" + first.getKey() + "] Resolved", "CONFIRM, works again. 5"));
    eventually(() -> tickets.findByKey(first.getKey()).orElseThrow().getStatus(), s -> s == TicketStatus.CLOSED);
    assertThat(tickets.findByKey(first.getKey()).orElseThrow().getSatisfactionScore()).isEqualTo(5);
    assertThat(rest.withBasicAuth("alice", "demo").postForEntity("/api/tickets/{key}/replies",
        Map.of("text", "One more thing"), String.class, first.getKey()).getStatusCode())
        .as("closed: no replies").isEqualTo(HttpStatus.CONFLICT);
    // Nobody works a closed ticket: the requester's complaint a day later becomes a follow-up.
    String complaint = send(mail("confirm@example.org", "Re: [" + first.getKey() + "] Resolved",
        "Hello,\n\nThe paper jams again since this morning."));
    assertThat(dispositionOnceTaken(complaint)).isEqualTo(MailDisposition.NEW_TICKET);
    Ticket followUp = tickets.findAll().stream().filter(t -> first.getKey().equals(t.getRelatedTicketKey()))
        .findFirst().orElseThrow();
    assertThat(followUp.getDescription()).contains("The paper jams again");
    String more = send(mail("confirm@example.org", "Re: [" + first.getKey() + "] Resolved", "Now tray 1 jams too."));
    assertThat(dispositionOnceTaken(more)).as("on the open follow-up, not a third ticket").isEqualTo(MailDisposition.REPLY);
    assertThat(mails.findByMessageId(more).orElseThrow().getTicketKey()).isEqualTo(followUp.getKey());
    String stranger = send(mail("nosy@example.org", "Re: [" + first.getKey() + "] Resolved", "Mine jams as well."));
    assertThat(dispositionOnceTaken(stranger)).isEqualTo(MailDisposition.NEW_TICKET);
    assertThat(mails.findByMessageId(stranger).orElseThrow().getTicketKey()).as("not onto the requester's follow-up")
        .isNotEqualTo(followUp.getKey());
    String tray3 = send(mail("confirm@example.org", "Re: [" + first.getKey() + "] Resolved", "And tray 3."));
    assertThat(dispositionOnceTaken(tray3)).isEqualTo(MailDisposition.REPLY);
    assertThat(mails.findByMessageId(tray3).orElseThrow().getTicketKey()).as("nor the requester's onto the stranger's")
        .isEqualTo(followUp.getKey());

    // Not a confirmation, a question: the tier that resolved it reads it in its form.
    Ticket second = reportedAndResolved("notfixed@example.org",
        mail("notfixed@example.org", "Screen flickers", "Since Monday."));
    send(mail("notfixed@example.org", "Re: [" + second.getKey() + "] Resolved",
        "Hi team,\n\nThanks, but could you also look at my 2 other screens?"));

    Ticket reopened = eventually(() -> tickets.findByKey(second.getKey()).orElseThrow(), t -> t.getReopenCount() == 1);
    assertThat(reopened.getStatus()).isEqualTo(TicketStatus.IN_PROGRESS);
    Task again = tasks.createTaskQuery().processInstanceBusinessKey(second.getKey()).singleResult();
    assertThat(again.getTaskDefinitionKey()).isEqualTo(IncidentProcess.Elements.TASK_TRIAGE);
    assertThat((String) tasks.getVariable(again.getId(), IncidentProcess.REQUESTER_ANSWER.name()))
        .contains("could you also look at my 2 other screens?");
    assertThat(tasks.getVariable(again.getId(), IncidentProcess.SATISFACTION_SCORE.name()))
        .as("a number in a complaint is no rating").isNull();
  }

  @Test
  void anAgentsQuestionIsMailedAndTheAnswerBringsTheIncidentBack() throws Exception {
    send(mail("question@example.org", "Outlook crashes", "When I open the calendar."));
    Ticket ticket = ticketOf("question@example.org");
    Task triage = eventually(() -> tasks.createTaskQuery().processInstanceBusinessKey(ticket.getKey()).singleResult(),
        t -> t != null);
    tasks.claim(triage.getId(), "alice");
    tasks.complete(triage.getId(), Variables.createVariables().putValue("categoryPath", "Email / Calendar")
        .putValue("outcome", "ASK_REQUESTER").putValue("questionToRequester", "Does it also crash in the web app?"));

    MimeMessage question = mailTo("question@example.org", "A question");
    assertThat(text(question)).contains("Does it also crash in the web app?");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(ticket.getKey()).count()).isZero();
    assertThat(rest.withBasicAuth("alice", "demo").getForEntity("/api/tickets/{key}", String.class, ticket.getKey())
        .getStatusCode()).as("no task while it waits, still in the group's queue").isEqualTo(HttpStatus.OK);
    assertThat(rest.withBasicAuth("bob", "demo").getForEntity("/api/tickets/{key}", String.class, ticket.getKey())
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    send(mail("question@example.org", "Re: " + question.getSubject(), "No, only in the desktop client."));

    Task again = eventually(() -> tasks.createTaskQuery().processInstanceBusinessKey(ticket.getKey()).singleResult(),
        t -> t != null);
    assertThat(again.getTaskDefinitionKey()).isEqualTo(IncidentProcess.Elements.TASK_TRIAGE);
    assertThat(tasks.getVariable(again.getId(), "requesterAnswer")).isEqualTo("No, only in the desktop client.");
    assertThat(tickets.findByKey(ticket.getKey()).orElseThrow().getStatus()).isEqualTo(TicketStatus.IN_PROGRESS);
  }

  @Test
  void anAgentsPublicReplyIsMailedToTheRequesterInTheThread() throws Exception {
    send(mail("reply@example.org", "Teams has no sound", "Since the update."));
    Ticket ticket = ticketOf("reply@example.org");
    eventually(() -> tasks.createTaskQuery().processInstanceBusinessKey(ticket.getKey()).count(), n -> n == 1);
    String replies = "/api/tickets/{key}/replies";
    var reply = Map.of("text", "Please check Settings > Devices and pick your headset.");

    assertThat(rest.withBasicAuth("bob", "demo").postForEntity(replies, reply, String.class, ticket.getKey())
        .getStatusCode()).as("second line has no task of this ticket yet").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.withBasicAuth("alice", "demo").postForEntity(replies, reply, String.class, ticket.getKey())
        .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

    MimeMessage mailed = mailTo("reply@example.org", "] Teams has no sound");
    assertThat(text(mailed)).contains("Alice Ahlberg from the service desk wrote").contains("pick your headset");
    assertThat(mailed.getHeader("In-Reply-To", null)).isNotNull();
    assertThat(rest.withBasicAuth("alice", "demo").postForEntity("/api/tickets/{key}/notes",
        Map.of("text", "Headset driver 2.1 is the known bad one."), String.class, ticket.getKey()).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(rest.withBasicAuth("alice", "demo").postForEntity("/api/tickets/{key}/notes", Map.of("text", " "),
        String.class, ticket.getKey()).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(rest.withBasicAuth("alice", "demo").postForEntity(replies, Map.of("text", "z".repeat(4001)),
        String.class, ticket.getKey()).getStatusCode()).as("more than a mail variable holds")
        .isEqualTo(HttpStatus.BAD_REQUEST);
    String journal = rest.withBasicAuth("alice", "demo").getForObject("/api/tickets/{key}", String.class, ticket.getKey());
    assertThat(journal).contains("\"kind\":\"PUBLIC_REPLY\",\"author\":\"alice\"")
        .contains("\"kind\":\"WORK_NOTE\",\"author\":\"alice\"");
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(RequesterMail.PROCESS_KEY)
        .processInstanceBusinessKey(ticket.getKey()).count()).as("the reply's mail only: a note is internal").isOne();
  }

  @Test
  void anOutOfOfficeReplyIsJournaledButNeverChangesTheTicket() throws Exception {
    Ticket ticket = reportedAndResolved("ooo@example.org", mail("ooo@example.org", "Mouse broken", "Left button."));

    String ooo = send(mail("ooo@example.org", "Automatic reply: [" + ticket.getKey() + "] Resolved",
        "Thanks, I am out of office until Monday.", "Auto-Submitted: auto-replied"));

    assertThat(dispositionOnceTaken(ooo)).isEqualTo(MailDisposition.AUTOMATIC_ON_THREAD);
    assertThat(tickets.findByKey(ticket.getKey()).orElseThrow().getStatus()).isEqualTo(TicketStatus.RESOLVED);
    assertThat(journal(ticket.getKey())).anyMatch(e -> e.getKind() == EntryKind.WORK_NOTE
        && e.getText().contains("out of office"));

    // One with a subject longer than a journal entry holds, folded over many header lines, is noted too.
    String hugeSubject = "Automatic reply: [" + ticket.getKey() + "] " + String.join("\r\n ",
        java.util.Collections.nCopies(400, "out-of-office-until-the-end-of-the-month-see-you-then"));
    String huge = send(mail("ooo@example.org", hugeSubject, "Away.", "Auto-Submitted: auto-replied"));
    assertThat(dispositionOnceTaken(huge)).isEqualTo(MailDisposition.AUTOMATIC_ON_THREAD);
  }

  @Test
  void listBulkAutomaticAndOurOwnMailOpensNoTicket() throws Exception {
    Map<String, MailDisposition> noise = Map.of(
        send(mail("list@example.org", "Newsletter", "News.", "List-Id: <news.example.org>")), MailDisposition.AUTOMATIC,
        send(mail("bulk@example.org", "Offer", "Buy.", "Precedence: bulk")), MailDisposition.AUTOMATIC,
        send(mail("auto@example.org", "Report", "Nightly.", "Auto-Submitted: auto-generated")), MailDisposition.AUTOMATIC,
        send(mail(DESK, "Looping", "From ourselves.")), MailDisposition.OWN_LOOP,
        send(mail("relay@example.org", "Looped back", "Our own mail, forwarded.", MailParser.LOOP_HEADER + ": " + DESK)),
        MailDisposition.OWN_LOOP);

    noise.forEach((id, expected) -> assertThat(dispositionOnceTaken(id)).as(id).isEqualTo(expected));
    assertThat(tickets.findAll()).noneMatch(t -> t.getRequesterEmail().matches("(list|bulk|auto|relay)@example.org")
        || t.getRequesterEmail().equals(DESK));
  }

  @Test
  void aStrangerQuotingATicketKeyGetsANewLinkedTicketInstead() throws Exception {
    send(mail("owner@example.org", "Cannot print", "Printer offline."));
    Ticket ticket = ticketOf("owner@example.org");

    send(mail("stranger@example.org", "Re: [" + ticket.getKey() + "] Cannot print", "Close this, it is mine now."));

    Ticket strangers = ticketOf("stranger@example.org");
    assertThat(strangers.getRelatedTicketKey()).isEqualTo(ticket.getKey());
    assertThat(journal(ticket.getKey())).noneMatch(e -> e.getText().contains("it is mine now"));
    assertThat(tickets.findByKey(ticket.getKey()).orElseThrow().getStatus()).isNotEqualTo(TicketStatus.CLOSED);
  }

  @Test
  void aReplyToHeaderDoesNotMakeAStrangerTheRequester() throws Exception {
    Ticket ticket = reportedAndResolved("victim@example.org",
        mail("victim@example.org", "Disk full", "C: has 0 bytes left."));

    String forged = send(mail("mallory@example.org", "Re: [" + ticket.getKey() + "] Resolved", "CONFIRM, fixed.",
        "Reply-To: victim@example.org"));

    assertThat(dispositionOnceTaken(forged)).isEqualTo(MailDisposition.NEW_TICKET);
    assertThat(tickets.findByKey(ticket.getKey()).orElseThrow().getStatus()).isEqualTo(TicketStatus.RESOLVED);
    assertThat(journal(ticket.getKey())).noneMatch(e -> e.getText().contains("CONFIRM, fixed."));
    Ticket followUp = tickets.findByKey(mails.findByMessageId(forged).orElseThrow().getTicketKey()).orElseThrow();
    assertThat(followUp.getRelatedTicketKey()).isEqualTo(ticket.getKey());
  }

  @Test
  void watchersGetNoCopiesOfASecurityIncident() throws Exception {
    send(mail("ciso@example.org", "Odd mail asking for my password", "Looks like phishing.",
        "Cc: colleague@example.org"));
    Ticket ticket = ticketOf("ciso@example.org");
    assertThat(mailTo("colleague@example.org", "We have your request").getSubject()).contains(ticket.getKey());

    Task triage = eventually(() -> tasks.createTaskQuery().processInstanceBusinessKey(ticket.getKey()).singleResult(),
        t -> t != null);
    tasks.claim(triage.getId(), "alice");
    tasks.complete(triage.getId(), TestIncidents.resolution("Security / Phishing", "Blocked the sender; deleted the mail."));

    assertThat(text(mailTo("ciso@example.org", "Resolved"))).contains("Blocked the sender");
    eventually(() -> management.createJobQuery().processInstanceId(ticket.getProcessInstanceId())
        .activityId(IncidentProcess.Elements.TASK_NOTIFY_RESOLUTION).count(), n -> n == 0L); // its copies sent too
    assertThat(mailsTo("colleague@example.org")).extracting(EmailChannelTest::subject)
        .as("classified as security at L1: the resolution stays with the requester")
        .noneMatch(subject -> subject.contains("Resolved"));
  }

  @Test
  void someoneCopiedOnTheReportIsHeardButOnlyTheRequesterMovesTheTicket() throws Exception {
    String tooLong = "x".repeat(330) + "@example.org"; // no such address: never a watcher, the mail still a ticket
    send(mail("boss@example.org", "Projector dead", "Meeting room 4.",
        "Cc: assistant@example.org, partner@supplier.example, " + DESK + ", " + tooLong));
    Ticket ticket = ticketOf("boss@example.org");
    eventually(() -> tasks.createTaskQuery().processInstanceBusinessKey(ticket.getKey()).count(), n -> n == 1);
    assertThat(rest.withBasicAuth("alice", "demo").getForObject("/api/tickets/{key}", String.class, ticket.getKey()))
        .contains("\"watchers\":[\"assistant@example.org\",\"partner@supplier.example\"]");
    assertThat(mailTo("assistant@example.org", "We have your request").getSubject()).contains(ticket.getKey());
    resolve(ticket.getKey());
    assertThat(text(mailTo("boss@example.org", "Resolved"))).doesNotContain("A copy for you");
    assertThat(text(mailTo("assistant@example.org", "Resolved"))) // watchers get the conversation, if colleagues
        .contains("A copy for you").contains("Only boss@example.org can confirm or reopen it");
    assertThat(mailsTo("partner@supplier.example")).as("outside the requester's domain").isEmpty();

    String fromWatcher = send(mail("assistant@example.org", "Re: [" + ticket.getKey() + "] Resolved",
        "Thanks, works again - the boss will confirm."));

    assertThat(dispositionOnceTaken(fromWatcher)).isEqualTo(MailDisposition.REPLY);
    assertThat(journal(ticket.getKey())).anyMatch(e -> e.getKind() == EntryKind.PUBLIC_REPLY
        && e.getAuthor().equals("assistant@example.org") && e.getText().contains("the boss will confirm"));
    assertThat(tickets.findByKey(ticket.getKey()).orElseThrow().getStatus()).isEqualTo(TicketStatus.RESOLVED);

    send(mail("boss@example.org", "Re: [" + ticket.getKey() + "] Resolved", "Confirmed."));
    eventually(() -> tickets.findByKey(ticket.getKey()).orElseThrow().getStatus(), st -> st == TicketStatus.CLOSED);
  }

  @Test
  void agentsPutAColleagueOfTheRequesterOnTheTicketAndTakeThemOff() throws Exception {
    send(mail("lead@example.org", "Shared drive slow", "Opening a file takes a minute."));
    Ticket ticket = ticketOf("lead@example.org");
    String key = ticket.getKey();
    eventually(() -> tasks.createTaskQuery().processInstanceBusinessKey(key).count(), n -> n == 1);

    assertThat(watcher(HttpMethod.PUT, "alice", key, "Deputy@Example.org")).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(watcher(HttpMethod.PUT, "alice", key, "deputy@example.org")).as("once is enough")
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(rest.withBasicAuth("alice", "demo").getForObject("/api/tickets/{key}", String.class, key))
        .contains("\"watchers\":[\"deputy@example.org\"]");
    assertThat(journal(key)).filteredOn(e -> e.getText().equals("deputy@example.org added as a watcher"))
        .singleElement().satisfies(e -> assertThat(e.getAuthor()).isEqualTo("alice"));
    assertThat(watcher(HttpMethod.PUT, "alice", key, "vendor@supplier.example")).as("outside the requester's domain")
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(watcher(HttpMethod.PUT, "alice", key, "Deputy <deputy2@example.org>")).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(watcher(HttpMethod.PUT, "alice", key, "deputy")).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(watcher(HttpMethod.PUT, "alice", key, "lead@example.org")).as("the requester")
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(watcher(HttpMethod.PUT, "alice", key, DESK)).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(watcher(HttpMethod.PUT, "bob", key, "deputy3@example.org")).as("not in bob's queue")
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(watcher(HttpMethod.PUT, "alice", key, "x".repeat(65) + "@example.org"))
        .isEqualTo(HttpStatus.BAD_REQUEST);
    // Someone else changes the ticket meanwhile: the agent's write waits for that commit, then finds
    // the ticket changed and is refused as a conflict to try again, not a server error.
    CompletableFuture<HttpStatusCode> meanwhile = new TransactionTemplate(transactionManager).execute(status -> {
      jdbc.update("update ticket set version = version + 1 where ticket_key = ?", key);
      CompletableFuture<HttpStatusCode> put = CompletableFuture.supplyAsync(
          () -> watcher(HttpMethod.PUT, "alice", key, "late@example.org"));
      eventually(() -> jdbc.queryForObject("select count(*) from information_schema.sessions"
          + " where blocker_id = session_id()", Integer.class), waiting -> waiting > 0);
      return put;
    });
    assertThat(meanwhile.get(20, TimeUnit.SECONDS)).isEqualTo(HttpStatus.CONFLICT);

    String fromDeputy = send(mail("deputy@example.org", "Re: [" + key + "] Shared drive slow", "Same on my PC."));
    assertThat(dispositionOnceTaken(fromDeputy)).isEqualTo(MailDisposition.REPLY);
    String forgedCc = send(mail("lead@example.org", "Re: [" + key + "] Shared drive slow", "Keep me posted.",
        "Cc: snoop@example.org"));
    assertThat(dispositionOnceTaken(forgedCc)).as("the key alone: kept, but adds nobody")
        .isEqualTo(MailDisposition.REPLY);
    String ack = mailTo("lead@example.org", "We have your request").getMessageID();
    String withCc = send(mail("lead@example.org", "Re: [" + key + "] Shared drive slow", "My manager wants to know.",
        "In-Reply-To: " + ack, "Cc: Manager <manager@example.org>, deputy@example.org, " + DESK));
    assertThat(dispositionOnceTaken(withCc)).isEqualTo(MailDisposition.REPLY);
    assertThat(rest.withBasicAuth("alice", "demo").getForObject("/api/tickets/{key}", String.class, key))
        .as("the requester put them on Cc").contains("\"watchers\":[\"deputy@example.org\",\"manager@example.org\"]");
    assertThat(journal(key))
        .anyMatch(e -> e.getText().equals("manager@example.org added as a watcher (on the requester's reply)"));
    resolve(key);
    MimeMessage copy = mailTo("deputy@example.org", "Resolved");
    assertThat(text(copy)).contains("A copy for you as a watcher");
    assertThat(mailTo("manager@example.org", "Resolved").getSubject()).contains(key);
    assertThat(copy.getHeader("References", " ")).as("a copy does not carry what went to the requester")
        .doesNotContain(ack).doesNotContain(mailTo("lead@example.org", "Resolved").getMessageID());
    String viaCopy = send(mail("lead@example.org", "Re: [" + key + "] Resolved", "Add my friend.",
        "In-Reply-To: " + copy.getMessageID(), "References: " + copy.getHeader("References", " "),
        "Cc: outsider@example.org"));
    assertThat(dispositionOnceTaken(viaCopy)).isEqualTo(MailDisposition.REPLY);
    assertThat(rest.withBasicAuth("alice", "demo").getForObject("/api/tickets/{key}", String.class, key))
        .as("forged from a watcher's copy: nobody added").doesNotContain("outsider@example.org");

    assertThat(watcher(HttpMethod.DELETE, "alice", key, "deputy@example.org")).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(watcher(HttpMethod.DELETE, "alice", key, "deputy@example.org")).isEqualTo(HttpStatus.NOT_FOUND);
    String afterRemoval = send(mail("deputy@example.org", "Re: [" + key + "] Resolved", "CONFIRM"));
    assertThat(dispositionOnceTaken(afterRemoval)).as("a stranger again").isEqualTo(MailDisposition.NEW_TICKET);
    assertThat(journal(key)).anyMatch(e -> e.getText().equals("deputy@example.org no longer watches this ticket"));
    String ccAgain = send(mail("lead@example.org", "Re: [" + key + "] Resolved", "Still waiting for the drive.",
        "In-Reply-To: " + ack, "Cc: deputy@example.org"));
    assertThat(dispositionOnceTaken(ccAgain)).isEqualTo(MailDisposition.REPLY);
    assertThat(rest.withBasicAuth("alice", "demo").getForObject("/api/tickets/{key}", String.class, key))
        .as("removed by an agent: a Cc does not bring them back").contains("\"watchers\":[\"manager@example.org\"]");
    assertThat(watcher(HttpMethod.PUT, "alice", key, "deputy@example.org")).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(rest.withBasicAuth("alice", "demo").getForObject("/api/tickets/{key}", String.class, key))
        .as("an agent can").contains("\"watchers\":[\"deputy@example.org\",\"manager@example.org\"]");
  }

  private HttpStatusCode watcher(HttpMethod method, String agent, String key, String address) {
    return rest.withBasicAuth(agent, "demo").exchange("/api/tickets/{key}/watchers/{address}", method, null,
        String.class, key, address).getStatusCode();
  }

  @Test
  void whoWroteTheReportForTheRequesterMayAnswerForThem() throws Exception {
    Ticket ticket = reportedAndResolved("chief@example.org",
        mail("office@example.org", "Printer on floor 2", "Out of toner.", "Reply-To: chief@example.org"));

    send(mail("office@example.org", "Re: [" + ticket.getKey() + "] Resolved", "Confirmed, prints again."));

    eventually(() -> tickets.findByKey(ticket.getKey()).orElseThrow().getStatus(), st -> st == TicketStatus.CLOSED);
  }

  @Test
  void anAutomaticMailFromAStrangerLeavesNoTraceOnTheTicket() throws Exception {
    send(mail("quiet@example.org", "Badge reader", "Door 3 does not open."));
    Ticket ticket = ticketOf("quiet@example.org");

    String spoofed = send(mail("intruder@example.org", "Auto: [" + ticket.getKey() + "]", "Injected text.",
        "Auto-Submitted: auto-replied"));

    assertThat(dispositionOnceTaken(spoofed)).isEqualTo(MailDisposition.AUTOMATIC);
    assertThat(mails.findByMessageId(spoofed).orElseThrow().getTicketKey()).isNull();
    assertThat(journal(ticket.getKey())).noneMatch(e -> e.getText().contains("Injected text."));
  }

  @Test
  void anAnswerTheProcessCannotTakeIsKeptOnceItsWaitIsOver() throws Exception {
    send(mail("stuck@example.org", "Scanner", "Scans are blank."));
    Ticket ticket = ticketOf("stuck@example.org");
    String notifyJobs = holdResolutionMails();
    readers.stop();
    try {
      resolve(ticket.getKey());
      String raw = mail("stuck@example.org", "Re: [" + ticket.getKey() + "]", "Confirm, fixed.");
      ParsedMail answer = new MailParser(1_000_000, 1_000_000).parse(raw.getBytes(StandardCharsets.UTF_8));

      assertThat(intake.handle("service-desk", answer, Instant.now())).isEqualTo(Outcome.RETRY_LATER);
      assertThat(intake.handle("service-desk", answer, Instant.now().minus(Duration.ofHours(1))))
          .isEqualTo(Outcome.PROCESSED);

      assertThat(disposition(answer.messageId())).isEqualTo(MailDisposition.REPLY);
      assertThat(journal(ticket.getKey())).anyMatch(e -> e.getText().equals("Confirm, fixed."))
          .anyMatch(e -> e.getText().startsWith("The process was not waiting for this answer"));
      assertThat(tickets.findByKey(ticket.getKey()).orElseThrow().getStatus()).isEqualTo(TicketStatus.RESOLVED);
    } finally {
      management.activateJobDefinitionById(notifyJobs, true);
      readers.start();
    }
  }

  @Test
  void aMailQuarantinedAgainBeforeItLeftTheInboxKeepsOneRow() {
    byte[] raw = ("To: " + DESK + "\r\nSubject: twice broken " + UUID.randomUUID() + "\r\n\r\nNo sender.\r\n")
        .getBytes(StandardCharsets.UTF_8);
    long before = quarantine.count();

    intake.quarantine("service-desk", null, raw, "missing From");
    intake.quarantine("service-desk", null, raw, "missing From");

    assertThat(quarantine.count()).isEqualTo(before + 1);
    assertThat(quarantine.findByReprocessedAtIsNullOrderByQuarantinedAtAsc())
        .filteredOn(q -> java.util.Arrays.equals(q.getRaw(), raw)).singleElement()
        .satisfies(q -> assertThat(q.getReason()).startsWith("missing From (again at "));
  }

  @Test
  void aSenderOverTheHourlyLimitIsRecordedButIgnored() throws Exception {
    send(mail("chatty@example.org", "Monitor", "It flickers."));
    Ticket ticket = ticketOf("chatty@example.org");
    MailParser parser = new MailParser(1_000_000, 1_000_000);
    for (int i = 2; i <= 30; i++) { // 30 mails an hour are allowed (itil.email.max-mails-per-sender-per-hour)
      assertThat(intake.handle("service-desk", parser.parse(mail("chatty@example.org", "Re: [" + ticket.getKey() + "]",
          "Update " + i).getBytes(StandardCharsets.UTF_8)), Instant.now())).isEqualTo(Outcome.PROCESSED);
    }

    ParsedMail thirtyFirst = parser.parse(mail("chatty@example.org", "Re: [" + ticket.getKey() + "]", "Update 31")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(intake.handle("service-desk", thirtyFirst, Instant.now())).isEqualTo(Outcome.IGNORED);

    assertThat(disposition(thirtyFirst.messageId())).isEqualTo(MailDisposition.RATE_LIMITED);
    assertThat(journal(ticket.getKey())).filteredOn(e -> e.getKind() == EntryKind.PUBLIC_REPLY).hasSize(29)
        .noneMatch(e -> e.getText().equals("Update 31"));
  }

  @Test
  void rotatingSendersCannotFloodSomeoneElseNamedInReplyTo() throws Exception {
    MailParser parser = new MailParser(1_000_000, 1_000_000);
    for (int i = 1; i <= 31; i++) { // 30 an hour, as for one sender
      ParsedMail spam = parser.parse(mail("sender" + i + "@spam.example", "Win a prize " + i, "Click here.",
          "Reply-To: Flooded@example.org").getBytes(StandardCharsets.UTF_8));
      assertThat(intake.handle("service-desk", spam, Instant.now())).as("mail %d", i)
          .isEqualTo(i <= 30 ? Outcome.PROCESSED : Outcome.IGNORED);
      if (i == 31) {
        assertThat(disposition(spam.messageId())).isEqualTo(MailDisposition.RATE_LIMITED);
      }
    }
    assertThat(tickets.findAll()).filteredOn(t -> t.getRequesterEmail().equals("flooded@example.org")).hasSize(30);
  }

  @Test
  void anAdministratorReprocessesAQuarantinedMailOnceItsCauseIsFixed() throws Exception {
    // Quarantined after failing max-attempts times, e.g. while the database was down.
    String raw = mail("later@example.org", "Webcam dark", "No picture since Friday.");
    intake.quarantine("service-desk", null, raw.getBytes(StandardCharsets.UTF_8), "failed 5 times: database down");
    QuarantinedMail quarantined = quarantine.findByReprocessedAtIsNullOrderByQuarantinedAtAsc().stream()
        .filter(q -> q.getReason().contains("database down")).findFirst().orElseThrow();

    ResponseEntity<String> reprocessed = rest.withBasicAuth("admin", "demo")
        .postForEntity("/api/mail/quarantine/{id}/reprocess", null, String.class, quarantined.getId());

    assertThat(reprocessed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(reprocessed.getBody()).contains("\"reprocessResult\":\"PROCESSED\"");
    assertThat(ticketOf("later@example.org").getTitle()).isEqualTo("Webcam dark");
    assertThat(quarantine.findById(quarantined.getId()).orElseThrow().getReprocessedAt()).isNotNull();
    assertThat(rest.withBasicAuth("admin", "demo").getForObject("/api/mail/quarantine", String.class))
        .doesNotContain("database down");
  }

  @Test
  void aBounceIsLinkedToItsTicketAndMutesTheAddress() throws Exception {
    send(mail("gone@example.org", "Mailbox full", "I cannot receive mail any more."));
    Ticket ticket = ticketOf("gone@example.org");
    MimeMessage ack = mailTo("gone@example.org", "We have your request");

    String delayed = send(deliveryReport("delayed", ack.getMessageID()));
    assertThat(dispositionOnceTaken(delayed)).isEqualTo(MailDisposition.BOUNCE);
    assertThat(journal(ticket.getKey())).anyMatch(e -> e.getText().startsWith("Mail to gone@example.org is not delivered yet"));
    String forged = send(deliveryReport("failed", mails.findAll().stream() // about the requester's own mail
        .filter(m -> m.getDirection() == MailDirection.IN && ticket.getKey().equals(m.getTicketKey()))
        .findFirst().orElseThrow().getMessageId()));
    assertThat(dispositionOnceTaken(forged)).isEqualTo(MailDisposition.BOUNCE);
    assertThat(muted.existsById("gone@example.org")).as("a delay and a report on a mail we received").isFalse();

    send(deliveryReport("failed", ack.getMessageID()));

    eventually(() -> muted.existsById("gone@example.org"), Boolean::booleanValue);
    assertThat(muted.isMuted("Gone@Example.ORG")).as("as the directory may spell it").isTrue();
    assertThat(journal(ticket.getKey())).anyMatch(e -> e.getText().contains("bounced"));
    resolve(ticket.getKey());
    eventually(() -> journal(ticket.getKey()), entries -> entries.stream().anyMatch(e -> e.getText().startsWith("Not sent")));
    assertThat(mailsTo("gone@example.org")).hasSize(1); // only the acknowledgement went out

    // The requester emptied the mailbox and called the desk: an administrator lifts the mute.
    assertThat(rest.withBasicAuth("alice", "demo").exchange("/api/mail/muted/gone@example.org", HttpMethod.DELETE,
        null, Void.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.withBasicAuth("admin", "demo").getForObject("/api/mail/muted", String.class))
        .contains("\"address\":\"gone@example.org\"").contains("bounced");
    assertThat(rest.withBasicAuth("admin", "demo").exchange("/api/mail/muted/Gone@Example.org", HttpMethod.DELETE,
        null, Void.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(muted.existsById("gone@example.org")).isFalse();
    assertThat(rest.withBasicAuth("admin", "demo").exchange("/api/mail/muted/gone@example.org", HttpMethod.DELETE,
        null, Void.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  /** A mail server's delivery status notification (RFC 3464) about the mail with that Message-ID. */
  private static String deliveryReport(String action, String messageId) {
    return "From: MAILER-DAEMON@mail.example.org\r\nTo: " + DESK + "\r\nSubject: Delivery Status Notification\r\n"
        + "Message-ID: <" + UUID.randomUUID() + "@mail.example.org>\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n\r\n"
        + "--r\r\nContent-Type: text/plain\r\n\r\nReport for gone@example.org.\r\n"
        + "--r\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mail.example.org\r\n\r\n"
        + "Final-Recipient: rfc822; gone@example.org\r\nAction: " + action + "\r\nStatus: 4.4.7\r\n"
        + "--r\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: " + messageId + "\r\n--r--\r\n";
  }

  @Test
  void theSameMailDeliveredTwiceMakesOneTicket() throws Exception {
    String raw = mail("twice@example.org", "Duplicate", "Sent twice by a confused server.");
    String id = send(raw);
    send(raw);

    eventually(() -> unseenInDeskInbox(), count -> count == 0);
    ticketOf("twice@example.org");
    assertThat(tickets.findAll()).filteredOn(t -> t.getRequesterEmail().equals("twice@example.org")).hasSize(1);
    assertThat(mails.findByMessageId(id)).isPresent();
  }

  @Test
  void aMailTakenButNotFlaggedBeforeACrashIsNotTicketedTwice() throws Exception {
    readers.stop();
    try {
      String raw = mail("crash@example.org", "Crash in between", "Taken, then the node died.");
      send(raw);
      // The node took the mail and committed, then died before it could flag it as read.
      intake.handle("service-desk", new MailParser(1_000_000, 1_000_000).parse(raw.getBytes(StandardCharsets.UTF_8)),
          Instant.now());
      assertThat(unseenInDeskInbox()).isEqualTo(1);
    } finally {
      readers.start(); // the restarted node reads the mail again
    }
    eventually(() -> unseenInDeskInbox(), count -> count == 0);
    assertThat(tickets.findAll()).filteredOn(t -> t.getRequesterEmail().equals("crash@example.org")).hasSize(1);
  }

  @Test
  void attachmentsAreKeptAndAnOversizePartIsDroppedWithANote() throws Exception {
    String small = Base64.getMimeEncoder().encodeToString("ERROR 42 at boot\n".getBytes(StandardCharsets.UTF_8));
    send(withAttachments("Logs attached", "boot.log", small, "memory.dmp"));

    Ticket ticket = ticketOf("files@example.org");
    List<TicketAttachment> kept = attachments.findByTicketKey(ticket.getKey());
    assertThat(kept).extracting(TicketAttachment::getFileName).containsExactly("boot.log");
    assertThat(new String(kept.get(0).getContent(), StandardCharsets.UTF_8)).isEqualTo("ERROR 42 at boot\n");
    assertThat(journal(ticket.getKey())).anyMatch(e -> e.getText().contains("not kept: memory.dmp"));
    assertThat(text(mailTo("files@example.org", "We have your request"))).contains("not kept: memory.dmp");

    // Agents of the ticket list and download them; always as a download, never run in the desk's origin.
    eventually(() -> tasks.createTaskQuery().processInstanceBusinessKey(ticket.getKey()).count(), n -> n == 1);
    JsonNode listed = rest.withBasicAuth("alice", "demo").getForObject("/api/tickets/{key}", JsonNode.class,
        ticket.getKey()).get("attachments");
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("fileName").asText()).isEqualTo("boot.log");
    assertThat(listed.get(0).get("sizeBytes").asLong()).isEqualTo(17);
    String download = "/api/tickets/{key}/attachments/{id}";
    ResponseEntity<byte[]> file = rest.withBasicAuth("alice", "demo").getForEntity(download, byte[].class,
        ticket.getKey(), listed.get(0).get("id").asLong());
    assertThat(file.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(new String(file.getBody(), StandardCharsets.UTF_8)).isEqualTo("ERROR 42 at boot\n");
    assertThat(file.getHeaders().getContentDisposition().getFilename()).isEqualTo("boot.log");
    assertThat(file.getHeaders().getContentDisposition().isAttachment()).isTrue();
    assertThat(file.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_OCTET_STREAM);
    assertThat(file.getHeaders().getFirst("Content-Security-Policy")).isEqualTo("sandbox");
    assertThat(file.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(file.getHeaders().getFirst("Cross-Origin-Resource-Policy")).isEqualTo("same-origin");
    assertThat(file.getHeaders().getCacheControl()).contains("no-store").contains("private");
    assertThat(rest.withBasicAuth("bob", "demo").getForEntity(download, byte[].class, ticket.getKey(),
        listed.get(0).get("id").asLong()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    send(mail("other-files@example.org", "No files here", "Just text."));
    Ticket other = ticketOf("other-files@example.org");
    eventually(() -> tasks.createTaskQuery().processInstanceBusinessKey(other.getKey()).count(), n -> n == 1);
    assertThat(rest.withBasicAuth("alice", "demo").getForEntity(download, byte[].class, other.getKey(),
        listed.get(0).get("id").asLong()).getStatusCode()).as("another ticket's file by its id")
        .isEqualTo(HttpStatus.NOT_FOUND);

    // On a reply, the sender is told in a mail of its own.
    send(withAttachments("Re: [" + ticket.getKey() + "] more logs", "second.log", small, "heap.hprof"));
    assertThat(text(mailTo("files@example.org", "attachments were not kept"))).contains("not kept: heap.hprof");
    eventually(() -> attachments.findByTicketKey(ticket.getKey()), all -> all.size() == 2);
  }

  /** A mail from files@example.org with one small attachment and one over the size limit. */
  private static String withAttachments(String subject, String smallName, String small, String bigName) {
    String big = Base64.getMimeEncoder().encodeToString(new byte[80_000]);
    return "From: files@example.org\r\nTo: " + DESK + "\r\nSubject: " + subject + "\r\nMessage-ID: <"
        + UUID.randomUUID() + "@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
        + "--b\r\nContent-Type: text/plain\r\n\r\nSee logs.\r\n"
        + "--b\r\nContent-Type: text/plain; name=\"" + smallName + "\"\r\nContent-Disposition: attachment; filename=\""
        + smallName + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + small + "\r\n"
        + "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"" + bigName
        + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + big + "\r\n--b--\r\n";
  }

  @Test
  void anUnparseableMailIsQuarantinedAndTheNextOneStillBecomesATicket() throws Exception {
    send("To: " + DESK + "\r\nSubject: no sender at all\r\nMessage-ID: <nosender-" + UUID.randomUUID()
        + "@x>\r\n\r\nWho sent this?\r\n", "nobody@example.org");
    send(mail("after@example.org", "After the broken one", "I still get a ticket."));

    ticketOf("after@example.org");
    QuarantinedMail quarantined = eventually(() -> quarantine.findAll().stream()
        .filter(q -> new String(q.getRaw(), StandardCharsets.UTF_8).contains("no sender at all")).findFirst()
        .orElse(null), q -> q != null);
    assertThat(quarantined.getReason()).contains("missing From");
    assertThat(folderMessages("Quarantine")).anyMatch(m -> subject(m).equals("no sender at all"));

    // An administrator sees it and can feed it through again; it is still unreadable.
    String path = "/api/mail/quarantine";
    assertThat(rest.getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("alice", "demo").getForEntity(path, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.withBasicAuth("admin", "demo").getForObject(path, String.class)).contains("missing From");
    ResponseEntity<String> again = rest.withBasicAuth("admin", "demo")
        .postForEntity(path + "/{id}/reprocess", null, String.class, quarantined.getId());
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(again.getBody()).contains("still unreadable: missing From");
  }

  @Test
  void aReplyRacingTheProcessIsRetriedUntilTheProcessWaitsForIt() throws Exception {
    send(mail("race@example.org", "Keyboard", "Keys stick."));
    Ticket ticket = ticketOf("race@example.org");
    // Hold the resolution mail: the ticket is resolved but the process is not yet waiting.
    String notifyJobs = holdResolutionMails();
    try {
      resolve(ticket.getKey());
      String answer = send(mail("race@example.org", "Re: [" + ticket.getKey() + "]", "Confirm, fixed."));
      Thread.sleep(1_000);
      assertThat(mails.findByMessageId(answer)).isEmpty(); // not taken yet, not lost either
      assertThat(seen(answer)).isFalse();
    } finally {
      management.activateJobDefinitionById(notifyJobs, true);
    }
    eventually(() -> tickets.findByKey(ticket.getKey()).orElseThrow().getStatus(), s -> s == TicketStatus.CLOSED);
  }

  @Test
  void healthAndMetricsShowTheChannel() throws Exception {
    send(mail("metrics@example.org", "Counted", "Count me."));
    Ticket counted = ticketOf("metrics@example.org");
    mailTo("metrics@example.org", "We have your request");

    ResponseEntity<String> health = rest.getForEntity("/actuator/health", String.class);
    assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(health.getBody()).contains("\"mail\":{\"status\":\"UP\"").contains("\"db\":{\"status\":\"UP\"")
        .contains("\"directory\":{\"status\":\"UP\"").contains("\"processes\":{\"status\":\"UP\"");

    assertThat(rest.getForEntity("/actuator/prometheus", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    String metrics = rest.withBasicAuth("admin", "demo").getForObject("/actuator/prometheus", String.class);
    assertThat(metrics)
        .contains("itil_mail_received_total{disposition=\"NEW_TICKET\"")
        .contains("itil_notifications_total{result=\"sent\"")
        .contains("itil_tickets_open{priority=\"P3\",tier=\"L1\",type=\"INCIDENT\"")
        .contains("itil_tickets_open{priority=\"NONE\",tier=\"NONE\",type=\"SERVICE_REQUEST\"")
        .contains("itil_jobs_due");

    // An agent's scrape counts every job, not only those of processes the agent may read.
    Job timer = management.createJobQuery().processInstanceId(counted.getProcessInstanceId())
        .activityId(IncidentProcess.Elements.TIMER_RESOLUTION_SLA).singleResult();
    management.setJobRetries(timer.getId(), 0);
    try {
      Pattern failedJobs = Pattern.compile("(?m)^itil_jobs_failed (\\d+)");
      Matcher byAgent = failedJobs.matcher(rest.withBasicAuth("erin", "demo").getForObject("/actuator/prometheus", String.class));
      Matcher byAdmin = failedJobs.matcher(rest.withBasicAuth("admin", "demo").getForObject("/actuator/prometheus", String.class));
      assertThat(byAgent.find() && byAdmin.find()).isTrue();
      assertThat(Integer.parseInt(byAgent.group(1))).isPositive().isEqualTo(Integer.parseInt(byAdmin.group(1)));
    } finally {
      management.setJobRetries(timer.getId(), 1);
    }
  }

  // --- helpers -----------------------------------------------------------------------------------

  private static String mail(String from, String subject, String body, String... headers) {
    return DeskMail.mail(from, DESK, subject, body, headers);
  }

  private String send(String raw) throws Exception {
    return new DeskMail(mailServer).send(raw);
  }

  private String send(String raw, String envelopeFrom) throws Exception {
    return new DeskMail(mailServer).send(raw, envelopeFrom);
  }

  private Ticket ticketOf(String requester) {
    return eventually(() -> tickets.findAll().stream().filter(t -> t.getRequesterEmail().equals(requester))
        .findFirst().orElse(null), t -> t != null);
  }

  private List<TicketEntry> journal(String key) {
    return tickets.findWithJournalByKey(key).orElseThrow().getJournal();
  }

  private MailDisposition disposition(String messageId) {
    return mails.findByMessageId(messageId).map(MailMessage::getDisposition).orElse(null);
  }

  /** Reports by mail, resolves the requester's ticket and waits for the resolution mail. */
  private Ticket reportedAndResolved(String requester, String report) throws Exception {
    send(report);
    Ticket ticket = ticketOf(requester);
    resolve(ticket.getKey());
    mailTo(requester, "Resolved");
    return ticket;
  }

  private MailDisposition dispositionOnceTaken(String messageId) {
    return eventually(() -> disposition(messageId), d -> d != null);
  }

  /** Holds the resolution mails, as if their step were a Cockpit incident; returns the job definition. */
  private String holdResolutionMails() {
    String notifyJobs = management.createJobDefinitionQuery()
        .activityIdIn(IncidentProcess.Elements.TASK_NOTIFY_RESOLUTION).singleResult().getId();
    management.suspendJobDefinitionById(notifyJobs, true);
    return notifyJobs;
  }

  /** Claims and resolves the open tier task as the right agent. */
  private void resolve(String key) {
    Task task = eventually(() -> tasks.createTaskQuery().processInstanceBusinessKey(key).singleResult(), t -> t != null);
    tasks.claim(task.getId(), "alice");
    tasks.complete(task.getId(), TestIncidents.resolution("Hardware / Laptop", "Replaced the part; works again now."));
  }

  private MimeMessage mailTo(String address, String subjectPart) {
    return new DeskMail(mailServer).mailTo(address, subjectPart);
  }

  private List<MimeMessage> mailsTo(String address) {
    return new DeskMail(mailServer).mailsTo(address);
  }

  private static String subject(Message m) {
    return DeskMail.subject(m);
  }

  private static String text(MimeMessage m) throws Exception {
    return DeskMail.text(m);
  }

  private boolean seen(String messageId) {
    return folderMessages("INBOX").stream().anyMatch(m -> MailboxContents.messageId(m).equals(messageId) && MailboxContents.isSeen(m));
  }

  private long unseenInDeskInbox() {
    return folderMessages("INBOX").stream().filter(m -> !MailboxContents.isSeen(m)).count();
  }

  private List<Message> folderMessages(String folderName) {
    return MailboxContents.read(mailServer.greenMail().getImap().getPort(), DESK, "demo", folderName);
  }
}
