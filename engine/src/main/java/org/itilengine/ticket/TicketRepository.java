package org.itilengine.ticket;

import java.util.Optional;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TicketRepository extends JpaRepository<Ticket, Long> {

  Optional<Ticket> findByKey(String key);

  /** The ticket with its journal, for readers outside a transaction. */
  @EntityGraph(attributePaths = "journal")
  Optional<Ticket> findWithJournalByKey(String key);

  @EntityGraph(attributePaths = "configurationItems")
  Optional<Ticket> findWithConfigurationItemsByKey(String key);
}
