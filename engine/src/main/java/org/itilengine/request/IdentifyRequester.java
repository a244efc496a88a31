package org.itilengine.request;

import static org.itilengine.request.ServiceRequestProcess.*;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.itilengine.connectors.identity.DirectoryUser;
import org.itilengine.connectors.identity.IdentityProvider;
import org.itilengine.connectors.identity.IdentityRequestRejectedException;
import org.itilengine.people.PeopleDirectory;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * Looks the requester up by mail address: who they are, what kind of staff, and (where an approval
 * may be needed) who their manager is at the desk.
 */
@Component("identifyRequester")
public class IdentifyRequester implements JavaDelegate {

  static final String UNKNOWN = "unknown";
  /** The kinds of staff request-approval.dmn tells apart. */
  private static final Set<String> EMPLOYEE_TYPES = Set.of("employee", "contractor");

  private final TicketService tickets;
  private final IdentityProviders providers;
  private final PeopleDirectory people;

  public IdentifyRequester(TicketService tickets, IdentityProviders providers, PeopleDirectory people) {
    this.tickets = tickets;
    this.providers = providers;
    this.people = people;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Ticket ticket = tickets.of(execution);
    IdentityProvider directory = providers.current();
    Optional<DirectoryUser> user = lookUp(ticket, () -> directory.findByEmail(ticket.getRequesterEmail()));
    // The directory names the manager by its own id (with SCIM a resource id, no desk login): the
    // manager's address leads to their desk account. A request that needs no approval skips it.
    String managerUserId = APPROVAL_REQUIRED.find(execution).orElse(false) ? user
        .map(DirectoryUser::managerId)
        .flatMap(managerId -> lookUp(ticket, () -> directory.findById(managerId)))
        .map(DirectoryUser::email)
        .flatMap(people::userWithEmail)
        .orElse(null) : null;
    REQUESTER_KNOWN.set(execution, user.isPresent());
    MANAGER_USER_ID.set(execution, managerUserId);
    EMPLOYEE_TYPE.set(execution, user.map(IdentifyRequester::employeeType).orElse(UNKNOWN));
    ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), user
        .map(u -> "Requester is " + u.displayName() + " (" + u.id() + ") in the directory"
            + (u.managerId() == null ? "" : ", manager " + u.managerId())
            + (managerUserId == null ? "" : " (desk account " + managerUserId + ")"))
        .orElse("Requester " + ticket.getRequesterEmail() + " is not in the directory"));
  }

  /** A refusal (e.g. two accounts share the address) leaves nobody to trust: noted, and nobody found. */
  private Optional<DirectoryUser> lookUp(Ticket ticket, Supplier<Optional<DirectoryUser>> lookup) {
    try {
      return lookup.get();
    } catch (IdentityRequestRejectedException e) {
      ticket.addEntry(EntryKind.WORK_NOTE, "engine", tickets.now(), "Directory lookup refused: " + e.getMessage());
      return Optional.empty();
    }
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
