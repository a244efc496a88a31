package org.itilengine.request;

import static org.itilengine.request.ServiceRequestProcess.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * An approver's decision goes in the journal under the name of whoever made it (after an
 * escalation that may be someone of the escalation group); a rejection must say why (the
 * requester is told), and nobody approves their own request.
 */
@Component("recordApproval")
public class RecordApproval implements TaskListener {

  static final int MIN_REASON_LENGTH = 10;

  private final TicketService tickets;

  public RecordApproval(TicketService tickets) {
    this.tickets = tickets;
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
    if (approver != null && approver.equals(DIRECTORY_USER_ID.find(task).orElse(null))) {
      throw new NotValidException("You cannot decide on your own request");
    }
    Ticket ticket = tickets.of(task);
    ticket.addEntry(EntryKind.WORK_NOTE, approver, tickets.now(),
        (decision == ApprovalDecision.APPROVED ? "Approved" : "Rejected") + (comment.isEmpty() ? "" : ": " + comment));
  }
}
