package org.itilengine.request;

import static org.itilengine.request.ServiceRequestProcess.*;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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
  /** The kinds of staff request-approval.dmn tells apart. */
  private static final Set<String> EMPLOYEE_TYPES = Set.of("employee", "contractor");

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
    EMPLOYEE_TYPE.set(execution, user.map(IdentifyRequester::employeeType).orElse(UNKNOWN));
    ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), user
        .map(u -> "Requester is " + u.displayName() + " (" + u.id() + ") in the directory"
            + (u.managerId() == null ? "" : ", manager " + u.managerId()))
        .orElse("Requester " + ticket.getRequesterEmail() + " is not in the directory"));
  }

  /**
   * Directories spell the type as they like (SCIM's userType is often "Employee"); a type the
   * table does not know gets the approvals of an unknown requester, none at all counts as staff.
   */
  private static String employeeType(DirectoryUser user) {
    if (user.employeeType() == null) {
      return "employee";
    }
    String type = user.employeeType().strip().toLowerCase(Locale.ROOT);
    return EMPLOYEE_TYPES.contains(type) ? type : UNKNOWN;
  }
}
