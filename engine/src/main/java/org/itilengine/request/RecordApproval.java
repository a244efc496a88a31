package org.itilengine.request;

import static org.itilengine.request.ServiceRequestProcess.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.itilengine.people.PeopleDirectory;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * An approver's decision goes in the journal under the name of whoever made it (after an
 * escalation that may be someone of the escalation group); a rejection must say why (the
 * requester is told), nobody approves their own request and nobody approves one request twice.
 */
@Component("recordApproval")
public class RecordApproval implements TaskListener {

  static final int MIN_REASON_LENGTH = 10;

  private final TicketService tickets;
  private final PeopleDirectory people;

  public RecordApproval(TicketService tickets, PeopleDirectory people) {
    this.tickets = tickets;
    this.people = people;
  }

  @Override
  public void notify(DelegateTask task) {
    ApprovalDecision decision = APPROVAL_DECISION.find(task)
        .orElseThrow(() -> new NotValidException("Choose APPROVED or REJECTED"));
    String comment = APPROVAL_COMMENT.find(task).map(String::strip).orElse("");
    if (decision == ApprovalDecision.REJECTED && comment.length() < MIN_REASON_LENGTH) {
      throw new NotValidException("A rejection needs a reason of at least " + MIN_REASON_LENGTH
          + " characters; the requester reads it");
    }
    Authentication caller = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String approver = caller != null ? caller.getUserId() : task.getAssignee();
    Ticket ticket = tickets.of(task);
    if (approver != null) {
      // The desk account with the requester's address is the requester's, whatever the directory's ids.
      if (people.hasEmail(approver, ticket.getRequesterEmail())) {
        throw new NotValidException("You cannot decide on your own request");
      }
      // An escalation or an approval left to a group could otherwise let one person approve twice.
      if (approvedBy(task).contains(approver)) {
        throw new NotValidException("You approved this request already; someone else decides this approval");
      }
      if (decision == ApprovalDecision.APPROVED) {
        addApprovedBy(task, approver);
      }
    }
    ticket.addEntry(EntryKind.WORK_NOTE, approver, tickets.now(),
        (decision == ApprovalDecision.APPROVED ? "Approved" : "Rejected") + (comment.isEmpty() ? "" : ": " + comment));
  }
}
