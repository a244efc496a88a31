package org.itilengine.request;

import static org.itilengine.request.ServiceRequestProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.itilengine.incident.RequesterMail;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * Compares the requester's reply (a transient variable: it never reaches the database) with the
 * code's hash. A wrong code costs an attempt and the requester is told; when none are left the
 * request is refused.
 */
@Component("checkVerificationCode")
public class CheckVerificationCode implements JavaDelegate {

  private final TicketService tickets;
  private final OneTimeSecrets secrets;

  public CheckVerificationCode(TicketService tickets, OneTimeSecrets secrets) {
    this.tickets = tickets;
    this.secrets = secrets;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Ticket ticket = tickets.of(execution);
    boolean verified = secrets.replyProvesCode(VERIFICATION_REPLY.find(execution).orElse(""),
        ticket.getKey(), VERIFICATION_CODE_HASH.require(execution));
    VERIFIED.set(execution, verified);
    if (verified) {
      execution.removeVariable(VERIFICATION_CODE_HASH.name()); // used up
      ticket.requesterAnswered(tickets.now());
      ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), "Identity confirmed with the one-time code");
      return;
    }
    int attemptsLeft = VERIFICATION_ATTEMPTS_LEFT.require(execution) - 1;
    VERIFICATION_ATTEMPTS_LEFT.set(execution, attemptsLeft);
    ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(),
        "Reply did not contain the one-time code; " + attemptsLeft + " attempt(s) left");
    if (attemptsLeft > 0) {
      RequesterMail.VERIFICATION_CODE_WRONG.sendSeparately(execution.getProcessEngineServices().getRuntimeService(),
          ticket.getKey());
    }
  }
}
