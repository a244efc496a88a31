package org.itilengine.request;

import static org.itilengine.request.ServiceRequestProcess.*;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.itilengine.connectors.identity.DirectoryUser;
import org.itilengine.connectors.identity.IdentityRequestRejectedException;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/** Looks the requester up by mail address: who they are, who their manager is, what kind of staff. */
@Component("identifyRequester")
public class IdentifyRequester implements JavaDelegate {

  static final String UNKNOWN = "unknown";

  private final TicketService tickets;
  private final IdentityProviders providers;

  public IdentifyRequester(TicketService tickets, IdentityProviders providers) {
    this.tickets = tickets;
    this.providers = providers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Ticket ticket = tickets.of(execution);
    Optional<DirectoryUser> user;
    try {
      user = providers.current().findByEmail(ticket.getRequesterEmail());
    } catch (IdentityRequestRejectedException e) { // e.g. two accounts share the address: nobody to trust
      ticket.addEntry(EntryKind.WORK_NOTE, "engine", tickets.now(), "Directory lookup refused: " + e.getMessage());
      user = Optional.empty();
    }
    REQUESTER_KNOWN.set(execution, user.isPresent());
    DIRECTORY_USER_ID.set(execution, user.map(DirectoryUser::id).orElse(null));
    MANAGER_ID.set(execution, user.map(DirectoryUser::managerId).orElse(null));
    EMPLOYEE_TYPE.set(execution, user.map(u -> u.employeeType() == null ? "employee" : u.employeeType()).orElse(UNKNOWN));
    ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), user
        .map(u -> "Requester is " + u.displayName() + " (" + u.id() + ") in the directory"
            + (u.managerId() == null ? "" : ", manager " + u.managerId()))
        .orElse("Requester " + ticket.getRequesterEmail() + " is not in the directory"));
  }
}
