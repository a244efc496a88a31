package org.itilengine.ticket;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.itilengine.security.ItilGroup;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Which tickets an agent may read and write through the desk API: those in the queue of one of
 * their groups, and those with an open task for one of their groups; administrators, every ticket.
 * Security cases are assigned to the security group, so they stay with it.
 */
@Component
public class TicketAccess {

  private final TicketService tickets;
  private final TaskService tasks;
  private final IdentityService identity;

  public TicketAccess(TicketService tickets, TaskService tasks, IdentityService identity) {
    this.tickets = tickets;
    this.tasks = tasks;
    this.identity = identity;
  }

  /** The ticket, for the logged-in caller: 403 when it is not theirs (or does not exist), 404 for administrators. */
  public Ticket ofCaller(String key) {
    List<String> groups = callerGroups();
    Optional<Ticket> ticket = tickets.find(key);
    if (groups.contains(ItilGroup.CAMUNDA_ADMIN.id())) {
      return ticket.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No ticket " + key));
    }
    return ticket.filter(t -> groups.contains(t.getAssignmentGroup()) || hasTaskFor(groups, key))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN,
            "No open task of " + key + " for your groups"));
  }

  /** The same, for a change: a closed ticket is history (409). */
  public Ticket openOfCaller(String key) {
    Ticket ticket = ofCaller(key);
    if (ticket.getStatus() == TicketStatus.CLOSED) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, key + " is closed; a new matter is a new ticket");
    }
    return ticket;
  }

  public List<String> callerGroups() {
    List<String> groups = identity.getCurrentAuthentication().getGroupIds();
    return groups == null ? List.of() : groups;
  }

  /** The caller's user id, the author of what they write. */
  public String caller() {
    return identity.getCurrentAuthentication().getUserId();
  }

  private boolean hasTaskFor(List<String> groups, String key) {
    return !groups.isEmpty() && tasks.createTaskQuery().processInstanceBusinessKey(key).taskCandidateGroupIn(groups)
        .includeAssignedTasks().count() > 0;
  }
}
