package org.itilengine.request;

import static org.itilengine.request.ServiceRequestProcess.*;

import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.itilengine.connectors.identity.DirectoryUser;
import org.itilengine.connectors.identity.IdentityRequestRejectedException;
import org.itilengine.email.TicketMailer;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * Tier 0 proves who asks: a one-time code goes to the address the directory has on file (not to
 * whatever address the request came from), and only its hash stays in the instance. A retry of
 * this job sends a fresh code, which replaces the last one.
 */
@Component("sendVerificationCode")
public class SendVerificationCode implements JavaDelegate {

  static final String TEMPLATE = "verification-code";

  private final TicketService tickets;
  private final OneTimeSecrets secrets;
  private final IdentityProviders providers;
  private final TicketMailer mailer;

  public SendVerificationCode(TicketService tickets, IdentityProviders providers, TicketMailer mailer,
      OneTimeSecrets secrets) {
    this.tickets = tickets;
    this.providers = providers;
    this.mailer = mailer;
    this.secrets = secrets;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Ticket ticket = tickets.of(execution);
    DirectoryUser user = providers.current().findByEmail(ticket.getRequesterEmail())
        .orElseThrow(() -> new IdentityRequestRejectedException(ticket.getRequesterEmail() + " left the directory"));
    String code = secrets.newCode();
    VERIFICATION_CODE_HASH.set(execution, secrets.hash(ticket.getKey(), code));
    Duration validFor = Duration.parse(VERIFICATION_VALID_FOR.require(execution));
    VERIFICATION_EXPIRES_AT.set(execution, Date.from(tickets.now().plus(validFor)));
    mailer.send(ticket, user.email(), TEMPLATE, Map.of(
        "ticketKey", ticket.getKey(),
        "requesterName", user.displayName(),
        "itemName", ticket.getSubcategory(),
        "code", code,
        "validMinutes", String.valueOf(validFor.toMinutes())), REQUESTER_MESSAGE_ID.find(execution).orElse(null));
    ticket.awaitRequester(tickets.now());
    ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), "One-time code sent to the address on file");
  }
}
