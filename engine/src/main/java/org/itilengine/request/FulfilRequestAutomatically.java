package org.itilengine.request;

import static org.itilengine.request.ServiceRequestProcess.*;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.itilengine.connectors.identity.DirectoryUser;
import org.itilengine.connectors.identity.IdentityProvider;
import org.itilengine.connectors.identity.IdentityRequestRejectedException;
import org.itilengine.email.MutedAddressRepository;
import org.itilengine.email.TicketMailer;
import org.itilengine.request.ServiceRequestSettings.CatalogItem;
import org.itilengine.process.ProcessText;
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
  static final String PASSWORD_VOID_TEMPLATE = "temporary-password-void";

  private final TicketService tickets;
  private final IdentityProviders providers;
  private final TicketMailer mailer;
  private final MutedAddressRepository muted;
  private final OneTimeSecrets secrets;
  private final ServiceRequestSettings settings;

  public FulfilRequestAutomatically(TicketService tickets, IdentityProviders providers, TicketMailer mailer,
      MutedAddressRepository muted, OneTimeSecrets secrets, ServiceRequestSettings settings) {
    this.tickets = tickets;
    this.providers = providers;
    this.mailer = mailer;
    this.muted = muted;
    this.secrets = secrets;
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Ticket ticket = tickets.of(execution);
    CatalogItem item = settings.item(CATALOG_ITEM.require(execution)).orElseThrow();
    requireCleared(execution, ticket, item);
    Automation automation = AUTOMATION.require(execution);
    if (automation == Automation.GRANT_GROUP && !item.grants(ACCESS_GROUP.require(execution))) {
      // Taken off the list since the request was approved (or approved by a version without the list).
      String reason = ACCESS_GROUP.require(execution) + " is not on the catalog's list of grantable groups";
      ticket.addEntry(EntryKind.WORK_NOTE, "engine", tickets.now(), reason + "; handed to "
          + FULFILMENT_GROUP.require(execution));
      throw new BpmnError(ERROR_FULFILMENT_REFUSED, reason);
    }
    IdentityProvider directory = providers.current();
    try {
      DirectoryUser user = directory.findByEmail(ticket.getRequesterEmail()).orElseThrow(() ->
          new IdentityRequestRejectedException("No account in the directory has the address " + ticket.getRequesterEmail()));
      String done = switch (automation) {
        case UNLOCK_ACCOUNT -> {
          if (item.selfService() && "scim".equals(directory.name())) {
            // SCIM knows only "active": a lockout and a deactivation by security look the same.
            throw new IdentityRequestRejectedException("SCIM cannot tell a locked account from a deactivated one;"
                + " a person checks before reactivating " + user.id());
          }
          directory.unlock(user);
          yield "Your account " + user.id() + " is unlocked; you can log in again.";
        }
        case GRANT_GROUP -> {
          String group = ACCESS_GROUP.require(execution);
          directory.addToGroup(user, group);
          yield "Account " + user.id() + " is now a member of " + group + ".";
        }
        case RESET_PASSWORD -> issueTemporaryPassword(directory, user, ticket);
      };
      RESOLUTION_NOTES.set(execution, done);
      FULFILMENT_OUTCOME.set(execution, FulfilmentOutcome.FULFILLED);
      ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(),
          "Fulfilled automatically through " + directory.name() + ": " + done);
    } catch (IdentityRequestRejectedException e) {
      String reason = "The " + directory.name() + " directory refused " + automation + ": " + e.getMessage();
      ticket.addEntry(EntryKind.WORK_NOTE, "engine", tickets.now(), reason + "; handed to " + FULFILMENT_GROUP.require(execution));
      throw new BpmnError(ERROR_FULFILMENT_REFUSED, ProcessText.fit(reason)); // becomes the hand-off note
    }
  }

  /**
   * The password exists only here and in the mail, and the mail goes first: if the directory then
   * fails, the old password still works and the retried job mails a new one; if it refuses, a
   * second mail withdraws the password before a person takes over. A mailbox that bounced gets no
   * password at all; a person helps.
   */
  private String issueTemporaryPassword(IdentityProvider directory, DirectoryUser user, Ticket ticket) {
    if (muted.isMuted(user.email())) {
      throw new IdentityRequestRejectedException("mail to " + user.email() + " bounced before; a temporary"
          + " password would not arrive");
    }
    String password = secrets.newTemporaryPassword();
    Map<String, String> values = Map.of("ticketKey", ticket.getKey(), "requesterName", user.displayName(),
        "accountId", user.id());
    Map<String, String> withPassword = new HashMap<>(values);
    withPassword.put("password", password);
    mailer.sendSecret(ticket, user.email(), PASSWORD_TEMPLATE, withPassword);
    try {
      directory.setTemporaryPassword(user, password);
    } catch (IdentityRequestRejectedException refused) {
      try {
        mailer.send(ticket, user.email(), PASSWORD_VOID_TEMPLATE, values, null);
      } catch (RuntimeException mailFailed) {
        // Still hand over: a retried job would mail yet another password the directory refuses.
        ticket.addEntry(EntryKind.WORK_NOTE, "engine", tickets.now(), "Could not tell the requester to ignore the"
            + " refused temporary password (" + mailFailed.getMessage() + "); tell them yourself");
      }
      throw refused;
    }
    return "A temporary password for " + user.id() + " was sent to your address on file; you choose a new one"
        + " at the next login.";
  }

  /**
   * Defence in depth: whatever way the instance got here, an account changes only for its own
   * ticket, after the approval the catalog asks for, and for Tier 0 only after the code check.
   */
  private static void requireCleared(DelegateExecution execution, Ticket ticket, CatalogItem item) {
    boolean ownTicket = execution.getProcessInstanceId().equals(ticket.getProcessInstanceId());
    boolean approved = !item.approval() || APPROVAL_LEVEL.find(execution).orElse(null) == ApprovalLevel.NONE
        || APPROVAL_DECISION.find(execution).orElse(null) == ApprovalDecision.APPROVED;
    boolean verified = !item.selfService() || VERIFIED.find(execution).orElse(false);
    if (!ownTicket || !approved || !verified) {
      throw new IllegalStateException("Refusing to change an account for " + ticket.getKey() + ": own ticket "
          + ownTicket + ", approved " + approved + ", verified " + verified);
    }
  }
}
