package org.itilengine.request;

import static org.itilengine.request.ServiceRequestProcess.*;

import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.itilengine.connectors.identity.DirectoryUser;
import org.itilengine.connectors.identity.IdentityProvider;
import org.itilengine.connectors.identity.IdentityRequestRejectedException;
import org.itilengine.email.TicketMailer;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * Does what the catalog item automates, through the identity provider. A refusal by the directory
 * hands the request to the fulfilment group with the reason; an unreachable directory fails the
 * job, which retries and then shows as an incident in Cockpit.
 */
@Component("fulfilRequestAutomatically")
public class FulfilRequestAutomatically implements JavaDelegate {

  static final String PASSWORD_TEMPLATE = "temporary-password";

  private final TicketService tickets;
  private final IdentityProviders providers;
  private final TicketMailer mailer;

  public FulfilRequestAutomatically(TicketService tickets, IdentityProviders providers, TicketMailer mailer) {
    this.tickets = tickets;
    this.providers = providers;
    this.mailer = mailer;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Ticket ticket = tickets.get(TICKET_KEY.require(execution));
    IdentityProvider directory = providers.current();
    Automation automation = AUTOMATION.require(execution);
    try {
      DirectoryUser user = directory.findByEmail(ticket.getRequesterEmail()).orElseThrow(() ->
          new IdentityRequestRejectedException("No account in the directory has the address " + ticket.getRequesterEmail()));
      String done = switch (automation) {
        case UNLOCK_ACCOUNT -> {
          directory.unlock(user);
          yield "Your account " + user.id() + " is unlocked; you can log in again.";
        }
        case GRANT_GROUP -> {
          String group = ACCESS_GROUP.require(execution);
          directory.addToGroup(user, group);
          yield "Account " + user.id() + " is now a member of " + group + ".";
        }
        case RESET_PASSWORD -> {
          // The password exists only here and in the mail; a retried job issues a new one.
          String password = OneTimeSecrets.newTemporaryPassword();
          directory.setTemporaryPassword(user, password);
          mailer.send(ticket, user.email(), PASSWORD_TEMPLATE, Map.of("ticketKey", ticket.getKey(),
              "requesterName", user.displayName(), "accountId", user.id(), "password", password), null);
          yield "A temporary password for " + user.id() + " was sent to your address on file; you choose a new one"
              + " at the next login.";
        }
      };
      RESOLUTION_NOTES.set(execution, done);
      ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(),
          "Fulfilled automatically through " + directory.name() + ": " + done);
    } catch (IdentityRequestRejectedException e) {
      String reason = "The " + directory.name() + " directory refused " + automation + ": " + e.getMessage();
      ticket.addEntry(EntryKind.WORK_NOTE, "engine", tickets.now(), reason + "; handed to " + FULFILMENT_GROUP.require(execution));
      throw new BpmnError(ERROR_FULFILMENT_REFUSED, reason);
    }
  }
}
