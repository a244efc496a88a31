package org.itilengine.ticket;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The agent's queue: the open tickets assigned to the caller's groups (an incident's assignment
 * group, a service request's fulfilment group once it is handed to them), most urgent first and
 * oldest first within a priority, service requests after the incidents, a page at a time; or one
 * requester's tickets in those groups, closed ones too when asked with status=CLOSED. A group
 * sees its own tickets only (security cases stay with the security group); without a group, as
 * an administrator, the queue is empty.
 */
@RestController
@RequestMapping("/api/tickets")
public class TicketQueueController {

  static final int MAX_PAGE_SIZE = 100;
  private static final Set<TicketStatus> NOT_CLOSED = EnumSet.complementOf(EnumSet.of(TicketStatus.CLOSED));

  private final TicketRepository tickets;
  private final TicketAccess access;

  public TicketQueueController(TicketRepository tickets, TicketAccess access) {
    this.tickets = tickets;
    this.access = access;
  }

  public record QueueEntry(String key, String type, String title, String status, String priority, String tier,
      String assignmentGroup, String requesterEmail, String caseOwner, Instant openedAt, Instant responseDueAt,
      Instant resolutionDueAt) {

    static QueueEntry of(Ticket t) {
      return new QueueEntry(t.getKey(), t.getType().name(), t.getTitle(), t.getStatus().name(),
          String.valueOf(t.getPriority()), String.valueOf(t.getTier()), t.getAssignmentGroup(), t.getRequesterEmail(),
          t.getCaseOwner(), t.getOpenedAt(), t.getResponseDueAt(), t.getResolutionDueAt());
    }
  }

  /** @param status the statuses to list, all but CLOSED when none is given; CLOSED only with a requester */
  @GetMapping
  @Transactional(readOnly = true)
  public List<QueueEntry> queue(@RequestParam(required = false) Set<TicketStatus> status,
      @RequestParam(required = false) String requester, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE || (long) page * size > Integer.MAX_VALUE) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page >= 0, 1 <= size <= " + MAX_PAGE_SIZE
          + " and page × size within " + Integer.MAX_VALUE);
    }
    List<String> groups = access.callerGroups();
    if (groups.isEmpty()) {
      return List.of();
    }
    Set<TicketStatus> statuses = status == null || status.isEmpty() ? NOT_CLOSED : status;
    requester = PrintableText.of(requester); // a NUL in a query parameter fails on PostgreSQL
    boolean oneRequester = requester != null && !requester.isBlank();
    if (!oneRequester && statuses.contains(TicketStatus.CLOSED)) {
      // The history of a whole group is a report, not a queue: it would read every closed ticket.
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Closed tickets are listed per requester");
    }
    Pageable slice = PageRequest.of(page, size);
    List<Ticket> found = oneRequester
        ? tickets.findQueueOfRequester(requester.strip().toLowerCase(Locale.ROOT), groups, statuses, slice)
        : tickets.findOpenQueue(groups, statuses, slice);
    return found.stream().map(QueueEntry::of).toList();
  }
}
