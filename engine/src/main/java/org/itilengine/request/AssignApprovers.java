package org.itilengine.request;

import static org.itilengine.request.ServiceRequestProcess.*;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.itilengine.people.PeopleDirectory;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * Turns the approval level into people, in order: the requester's manager, then the owner of the
 * group asked for, else of the item. Where the directory names no manager, the item no owner, the
 * one named cannot log in to Tasklist (no desk account) or is the requester, the fallback approver
 * stands in.
 */
@Component("assignApprovers")
public class AssignApprovers implements JavaDelegate {

  private final TicketService tickets;
  private final ServiceRequestSettings settings;
  private final PeopleDirectory people;

  public AssignApprovers(TicketService tickets, ServiceRequestSettings settings, PeopleDirectory people) {
    this.tickets = tickets;
    this.settings = settings;
    this.people = people;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String requester = DIRECTORY_USER_ID.find(execution).orElse(null);
    Set<String> approvers = new LinkedHashSet<>();
    approvers.add(deskUserOrFallback(MANAGER_ID.find(execution).orElse(null), requester));
    if (APPROVAL_LEVEL.require(execution) == ApprovalLevel.MANAGER_AND_OWNER) {
      String group = ACCESS_GROUP.find(execution).orElse(null);
      approvers.add(deskUserOrFallback(settings.item(CATALOG_ITEM.require(execution))
          .map(item -> item.ownerOf(group)).orElse(null), requester));
    }
    List<String> ordered = List.copyOf(approvers);
    setApprovers(execution, ordered);
    // Instances of a model version from before 2026-12 take their approval task's due date from it.
    APPROVAL_DUE_AT.set(execution, settings.approvalDueFrom(tickets.now()));

    Ticket ticket = tickets.of(execution);
    ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(),
        "Waiting for approval by " + String.join(", then ", ordered.stream().map(people::displayName).toList()));
  }

  /** Nobody approves their own request: an owner asking for their own application falls back too. */
  private String deskUserOrFallback(String userId, String requester) {
    return userId != null && !userId.equals(requester) && people.hasAccount(userId) ? userId
        : settings.fallbackApprover();
  }
}
