package org.itilengine.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.itilengine.Eventually.eventually;

import com.unboundid.ldap.sdk.LDAPBindException;
import com.unboundid.ldap.sdk.LDAPConnection;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.task.Task;
import org.itilengine.DeskMail;
import org.itilengine.TestPorts;
import org.itilengine.connectors.identity.ldap.EmbeddedDirectoryServer;
import org.itilengine.connectors.mail.EmbeddedMailServer;
import org.itilengine.security.ItilGroup;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketAttachmentRepository;
import org.itilengine.ticket.TicketController;
import org.itilengine.ticket.TicketRepository;
import org.itilengine.ticket.TicketStatus;
import org.itilengine.ticket.TicketType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.server.ResponseStatusException;

/**
 * Tier 0 end to end with real parts only: mail over SMTP and IMAP (embedded GreenMail), the
 * embedded LDAP directory, the job executor running. Nobody works a task.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:self-service-by-mail;DB_CLOSE_DELAY=-1")
@ContextConfiguration(initializers = TestPorts.class)
@DirtiesContext
class SelfServiceByMailTest {

  private static final String PAT = "uid=pat,ou=people,dc=example,dc=org";
  private static final Pattern CODE = Pattern.compile("this code: (\\d{6})");

  @Autowired EmbeddedMailServer mailServer;
  @Autowired EmbeddedDirectoryServer directory;
  @Autowired TicketRepository tickets;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;
  @Autowired TicketController desk;
  @Autowired TicketAttachmentRepository attachments;

  @Test
  void aDirectoryUserResetsTheirPasswordByMailWithNoAgent() throws Exception {
    DeskMail mail = new DeskMail(mailServer);
    CodeMail asked = askForAReset(mail, "pat@example.org", "Password reset please");
    MimeMessage verification = asked.mail();
    String code = asked.code();
    Ticket request = tickets.findAll().stream().filter(t -> t.getRequesterEmail().equals("pat@example.org"))
        .findFirst().orElseThrow();
    assertThat(request.getType()).isEqualTo(TicketType.SERVICE_REQUEST);

    // Someone else answers with the code (say, read over Pat's shoulder) and Pat as Reply-To:
    // only the requester's own From may answer, and the mail is not kept.
    mail.send(DeskMail.mail("mallory@elsewhere.example", DeskMail.DESK, "Re: confirming", code,
        "Reply-To: pat@example.org", "In-Reply-To: " + verification.getMessageID()));
    eventually(() -> tickets.findWithJournalByKey(request.getKey()).orElseThrow().getJournal(),
        journal -> journal.stream().anyMatch(e -> e.getText().contains("mallory@elsewhere.example")));
    assertThat(tickets.findByKey(request.getKey()).orElseThrow().getStatus()).isEqualTo(TicketStatus.PENDING_REQUESTER);

    // Nor may the desk write to Pat now: Pat's answer to it would count as a code attempt.
    identity.setAuthentication("admin", List.of(ItilGroup.CAMUNDA_ADMIN.id()));
    try {
      assertThatThrownBy(() -> desk.reply(request.getKey(), new TicketController.Text("Did you get the code?")))
          .isInstanceOfSatisfying(ResponseStatusException.class,
              e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.CONFLICT));
    } finally {
      identity.clearAuthentication();
    }

    // Pat answers the verification mail; no key in the subject, so it threads by In-Reply-To. Pat's
    // mail client attaches the earlier mail (with the code in it): nothing of it is kept.
    mail.send("From: pat@example.org\r\nTo: " + DeskMail.DESK + "\r\nSubject: Re: confirming\r\nMessage-ID: <"
        + java.util.UUID.randomUUID() + "@example.org>\r\nIn-Reply-To: " + verification.getMessageID()
        + "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
        + "Content-Type: text/plain\r\n\r\n" + code + "\r\n--b\r\nContent-Type: text/plain\r\n"
        + "Content-Disposition: attachment; filename=\"code.txt\"\r\n\r\nYour code: " + code
        + "\r\n--b--\r\n");

    String password = passwordIn(mail.mailTo("pat@example.org", "temporary password"));
    // The password is mailed before it is set (never a working password nobody was told), so the
    // bind may briefly race the directory change.
    assertThat(eventually(() -> bindsAsPat(password), bound -> bound)).isTrue();
    assertThat(mail.mailTo("pat@example.org", "Done")).isNotNull();
    Ticket closed = eventually(() -> tickets.findByKey(request.getKey()).orElseThrow(),
        t -> t.getStatus() == TicketStatus.CLOSED);
    assertThat(closed.getClosureCode()).isEqualTo("FULFILLED");
    assertThat(tickets.findWithJournalByKey(request.getKey()).orElseThrow().getJournal())
        .noneMatch(e -> e.getText().contains(password) || e.getText().contains(code))
        .anyMatch(e -> e.getText().equals("Attachments of the one-time code reply not kept"));
    assertThat(attachments.findByTicketKey(request.getKey())).isEmpty();
  }

  /**
   * Mail programs quote the mail they answer, and some attach it: a reply to the temporary password
   * carries it. Nothing of such a reply is kept; here the request is closed, so it opens a follow-up
   * that says a reply came, without its content.
   */
  @Test
  void aReplyQuotingTheTemporaryPasswordIsKeptNowhere() throws Exception {
    DeskMail mail = new DeskMail(mailServer);
    CodeMail asked = askForAReset(mail, "rita@example.org", "Forgot my password");
    mail.send(DeskMail.mail("rita@example.org", DeskMail.DESK, "Re: code", asked.code(),
        "In-Reply-To: " + asked.mail().getMessageID()));
    MimeMessage passwordMail = mail.mailTo("rita@example.org", "temporary password");
    String password = passwordIn(passwordMail);
    Ticket request = eventually(() -> tickets.findAll().stream()
        .filter(t -> t.getRequesterEmail().equals("rita@example.org")).findFirst().orElse(null),
        t -> t != null && t.getStatus() == TicketStatus.CLOSED);

    mail.send("From: rita@example.org\r\nTo: " + DeskMail.DESK + "\r\nSubject: Re: [" + request.getKey()
        + "] Your temporary password\r\nMessage-ID: <" + java.util.UUID.randomUUID() + "@example.org>\r\nIn-Reply-To: "
        + passwordMail.getMessageID() + "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
        + "--b\r\nContent-Type: text/plain\r\n\r\nIt does not work.\r\n\r\n> " + password + "\r\n--b\r\n"
        + "Content-Type: text/plain\r\nContent-Disposition: attachment; filename=\"password.txt\"\r\n\r\n"
        + password + "\r\n--b--\r\n");

    Ticket followUp = eventually(() -> tickets.findByRelatedTicketKeyAndStatusNotOrderByIdDesc(request.getKey(),
        TicketStatus.CLOSED).stream().findFirst().orElse(null), t -> t != null);
    assertThat(tickets.findAll()).allSatisfy(ticket -> {
      assertThat(ticket.getTitle() + ticket.getDescription()).doesNotContain(password);
      assertThat(tickets.findWithJournalByKey(ticket.getKey()).orElseThrow().getJournal())
          .noneMatch(entry -> entry.getText().contains(password));
      assertThat(attachments.findByTicketKey(ticket.getKey())).noneMatch(a -> new String(a.getContent()).contains(password));
    });
    assertThat(runtime.createVariableInstanceQuery().list()).noneMatch(v -> String.valueOf(v.getValue()).contains(password));
    assertThat(history.createHistoricVariableInstanceQuery().list())
        .noneMatch(v -> String.valueOf(v.getValue()).contains(password));
    assertThat(history.createHistoricDetailQuery().variableUpdates().list())
        .noneMatch(d -> String.valueOf(((HistoricVariableUpdate) d).getValue()).contains(password));
    assertThat(followUp.getDescription()).contains("not kept").contains("answered a mail with a password");
  }

  private record CodeMail(MimeMessage mail, String code) {
  }

  /** The requester mails the desk for a password reset; returns the one-time code mail and its code. */
  private static CodeMail askForAReset(DeskMail mail, String requester, String subject) throws Exception {
    mail.send(DeskMail.mail(requester, DeskMail.DESK, subject, "I forgot my password."));
    MimeMessage verification = mail.mailTo(requester, "one-time code");
    Matcher code = CODE.matcher(DeskMail.text(verification));
    assertThat(code.find()).isTrue();
    return new CodeMail(verification, code.group(1));
  }

  private static String passwordIn(MimeMessage passwordMail) throws Exception {
    return DeskMail.text(passwordMail).lines().map(String::strip).filter(l -> l.matches("\\S{16}"))
        .findFirst().orElseThrow();
  }

  private boolean bindsAsPat(String password) {
    try (LDAPConnection asPat = new LDAPConnection("127.0.0.1", directory.server().getListenPort())) {
      asPat.bind(PAT, password);
      return true;
    } catch (com.unboundid.ldap.sdk.LDAPException e) {
      return false;
    }
  }

  @Test
  void anAccessRequestByMailNamesItsGroupAndAnApproverWhoCanLogIn() throws Exception {
    new DeskMail(mailServer).send(DeskMail.mail("quinn@example.org", DeskMail.DESK,
        "Request access to the VPN-Users group", "I need the VPN for the on-call week."));

    Ticket request = eventually(() -> tickets.findAll().stream()
        .filter(t -> t.getRequesterEmail().equals("quinn@example.org")).findFirst().orElse(null), t -> t != null);
    assertThat(request.getSubcategory()).isEqualTo("Access to a group or application");
    Task approval = eventually(() -> tasks.createTaskQuery().processInstanceBusinessKey(request.getKey()).singleResult(),
        t -> t != null);
    // quinn's manager in the directory is pat, who has no desk account here: the fallback approver decides.
    assertThat(approval.getAssignee()).isEqualTo("dave");
    assertThat(runtime.getVariable(approval.getProcessInstanceId(), ServiceRequestProcess.ACCESS_GROUP.name()))
        .isEqualTo("vpn-users");
  }

  @Test
  void mailThatReachesTheRequestMailboxByBccIsAServiceRequest() throws Exception {
    new DeskMail(mailServer).send(DeskMail.mail("quinn@example.org", "it-staff@example.org", "A second monitor cable",
        "DisplayPort to USB-C, 2 m.", "Bcc: requests@example.org"));

    Ticket request = eventually(() -> tickets.findAll().stream()
        .filter(t -> t.getRequesterEmail().equals("quinn@example.org") && t.getTitle().equals("A second monitor cable"))
        .findFirst().orElse(null), t -> t != null);
    assertThat(request.getType()).isEqualTo(TicketType.SERVICE_REQUEST);
  }

  @Test
  void anUnknownSenderIsRefusedAndTheDirectoryIsUntouched() throws Exception {
    DeskMail mail = new DeskMail(mailServer);
    mail.send(DeskMail.mail("pat.parker@gmail.example", "requests@example.org", "Unlock my account for pat",
        "I am Pat, please unlock my account."));

    MimeMessage refusal = mail.mailTo("pat.parker@gmail.example", "could not do this automatically");
    assertThat(DeskMail.text(refusal)).contains("Nothing was changed");
    assertThat(mail.mailsTo("pat@example.org")).noneMatch(m -> DeskMail.subject(m).contains("one-time code"));
    try (LDAPConnection connection = new LDAPConnection("127.0.0.1", directory.server().getListenPort())) {
      connection.bind(PAT, "demo"); // the demo password still works
      assertThat(connection.getEntry(PAT).getAttributeValue("pwdReset")).isNull();
    }
    assertThatThrownBy(() -> {
      try (LDAPConnection connection = new LDAPConnection("127.0.0.1", directory.server().getListenPort())) {
        connection.bind(PAT, "wrong");
      }
    }).isInstanceOf(LDAPBindException.class);
  }
}
