package org.itilengine.email;

import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.itilengine.connectors.mail.InboundMailHandler.Outcome;
import org.itilengine.connectors.mail.MailParser;
import org.itilengine.connectors.mail.MailProperties;
import org.itilengine.connectors.mail.UnparseableMailException;
import org.itilengine.security.Administrators;
import org.itilengine.ticket.TicketService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Lets an administrator see quarantined mail and feed it through the desk again once fixed. */
@RestController
@RequestMapping("/api/mail/quarantine")
public class QuarantineController {

  private final QuarantinedMailRepository quarantine;
  private final EmailIntake intake;
  private final MailParser parser;
  private final IdentityService identity;
  private final TicketService tickets;

  public QuarantineController(QuarantinedMailRepository quarantine, EmailIntake intake, MailProperties mail,
      IdentityService identity, TicketService tickets) {
    this.quarantine = quarantine;
    this.intake = intake;
    this.parser = MailParser.withLimitsOf(mail);
    this.identity = identity;
    this.tickets = tickets;
  }

  public record QuarantinedMailView(Long id, String mailbox, String messageId, String reason, Instant quarantinedAt,
      Instant reprocessedAt, String reprocessResult) {

    static QuarantinedMailView of(QuarantinedMail mail) {
      return new QuarantinedMailView(mail.getId(), mail.getMailbox(), mail.getMessageId(), mail.getReason(),
          mail.getQuarantinedAt(), mail.getReprocessedAt(), mail.getReprocessResult());
    }
  }

  @GetMapping
  public List<QuarantinedMailView> waiting() {
    requireAdmin();
    return quarantine.findByReprocessedAtIsNullOrderByQuarantinedAtAsc().stream().map(QuarantinedMailView::of).toList();
  }

  /** 200 when the desk took the mail now, 422 when it still cannot be read, 409 when it must wait. */
  @PostMapping("/{id}/reprocess")
  public ResponseEntity<QuarantinedMailView> reprocess(@PathVariable long id) {
    requireAdmin();
    QuarantinedMail mail = quarantine.findById(id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No quarantined mail " + id));
    HttpStatus status;
    String result;
    try {
      Outcome outcome = intake.handle(mail.getMailbox(), parser.parse(mail.getRaw()), mail.getQuarantinedAt());
      status = outcome == Outcome.RETRY_LATER ? HttpStatus.CONFLICT : HttpStatus.OK;
      result = outcome.name();
    } catch (UnparseableMailException e) {
      status = HttpStatus.UNPROCESSABLE_ENTITY;
      result = "still unreadable: " + e.getMessage();
    }
    if (status == HttpStatus.OK) {
      mail.reprocessed(result, tickets.now());
      quarantine.save(mail);
    }
    return ResponseEntity.status(status).body(new QuarantinedMailView(mail.getId(), mail.getMailbox(),
        mail.getMessageId(), mail.getReason(), mail.getQuarantinedAt(), mail.getReprocessedAt(), result));
  }

  private void requireAdmin() {
    Administrators.require(identity, "manage the quarantine");
  }
}
