package org.itilengine.ticket;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface TicketRepository extends JpaRepository<Ticket, Long> {

  Optional<Ticket> findByKey(String key);

  /** The ticket with its journal, for readers outside a transaction. */
  @EntityGraph(attributePaths = "journal")
  Optional<Ticket> findWithJournalByKey(String key);

  /** The open tickets that follow up the given one, newest first (index ticket_related_key_idx). */
  List<Ticket> findByRelatedTicketKeyAndStatusNotOrderByIdDesc(String relatedKey, TicketStatus status);

  @EntityGraph(attributePaths = "configurationItems")
  Optional<Ticket> findWithConfigurationItemsByKey(String key);

  /**
   * A page of the groups' open tickets, most urgent and then oldest first (the id keeps pages
   * apart when both are equal); service requests have no priority and come after the incidents
   * (PostgreSQL's ascending order and index put nulls last anyway, Hibernate renders the clause
   * for H2 only). The CLOSED literal lets PostgreSQL read the partial index ticket_queue_idx,
   * which holds open tickets only.
   */
  @Query("select t from Ticket t where t.assignmentGroup in ?1 and t.status <> org.itilengine.ticket.TicketStatus.CLOSED"
      + " and t.status in ?2 order by t.priority nulls last, t.openedAt, t.id")
  List<Ticket> findOpenQueue(Collection<String> groups, Collection<TicketStatus> statuses, Pageable page);

  /** The same for one requester (index ticket_requester_email_idx). */
  @Query("select t from Ticket t where t.requesterEmail = ?1 and t.assignmentGroup in ?2 and t.status in ?3"
      + " order by t.priority nulls last, t.openedAt, t.id")
  List<Ticket> findQueueOfRequester(String requester, Collection<String> groups, Collection<TicketStatus> statuses,
      Pageable page);

  /** Tickets opened for a requester since then (the Reply-To rate limit of the mail intake). */
  long countByRequesterEmailAndOpenedAtAfter(String requesterEmail, Instant since);
}
