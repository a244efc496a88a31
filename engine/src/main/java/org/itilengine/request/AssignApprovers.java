package org.itilengine.request;

import static org.itilengine.request.ServiceRequestProcess.*;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.itilengine.people.PeopleDirectory;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * Turns the approval level into people, in order: the requester's manager, then the owner of the
 * group asked for, else of the item. Whoever cannot open Tasklist, is the requester or approves
 * already is replaced by the fallback approver; where the fallback approver cannot stand in either,
 * the approval is left to the approval escalation group. So two approvals are always two people
 * and nobody is asked to approve their own request. Every stand-in is journaled.
 */
@Component("assignApprovers")
public class AssignApprovers implements JavaDelegate {

  private final TicketService tickets;
  private final ServiceRequestSettings settings;
  private final PeopleDirectory people;
  private final ApprovalTasks approvals;

  public AssignApprovers(TicketService tickets, ServiceRequestSettings settings, PeopleDirectory people,
      ApprovalTasks approvals) {
    this.tickets = tickets;
    this.settings = settings;
    this.people = people;
    this.approvals = approvals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Ticket ticket = tickets.of(execution);
    List<String> approvers = new ArrayList<>();
    approvers.add(approver("manager", MANAGER_USER_ID.find(execution).orElse(null), approvers, ticket));
    if (APPROVAL_LEVEL.require(execution) == ApprovalLevel.MANAGER_AND_OWNER) {
      String group = ACCESS_GROUP.find(execution).orElse(null);
      approvers.add(approver("owner", settings.item(CATALOG_ITEM.require(execution))
          .map(item -> item.ownerOf(group)).orElse(null), approvers, ticket));
    }
    setApprovers(execution, approvers);
    // Instances of a model version from before 2026-12 take their approval task's due date from it.
    APPROVAL_DUE_AT.set(execution, settings.approvalDueFrom(tickets.now()));

    ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), "Waiting for approval by "
        + String.join(", then ", approvers.stream().map(approvals::describe).toList()));
  }

  /** The one named if they may approve, else the fallback approver, else the approval escalation group. */
  private String approver(String role, String named, List<String> earlier, Ticket ticket) {
    String whyNotNamed = whyNot(named, earlier, ticket);
    if (whyNotNamed == null) {
      return named;
    }
    String fallback = settings.fallbackApprover();
    String whyNotFallback = whyNot(fallback, earlier, ticket);
    ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(),
        (named == null ? "No " + role + " with a desk account" : "The " + role + " " + named + " " + whyNotNamed)
            + "; " + (whyNotFallback == null ? "the fallback approver " + fallback + " decides instead"
                : "the fallback approver " + fallback + " " + whyNotFallback + ", so the group "
                    + settings.approvalEscalationGroup() + " decides"));
    return whyNotFallback == null ? fallback : ApprovalTasks.group(settings.approvalEscalationGroup());
  }

  /** Why this user cannot approve here, or null when they can. */
  private String whyNot(String userId, List<String> earlier, Ticket ticket) {
    if (userId == null) {
      return "is not known";
    }
    if (people.hasEmail(userId, ticket.getRequesterEmail())) {
      return "is the requester";
    }
    if (earlier.contains(userId)) {
      return "approves already";
    }
    return people.canOpenTasklist(userId) ? null : "cannot open Tasklist";
  }
}
