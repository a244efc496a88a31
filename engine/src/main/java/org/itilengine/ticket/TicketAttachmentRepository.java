package org.itilengine.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TicketAttachmentRepository extends JpaRepository<TicketAttachment, Long> {

  /** What an attachment is, without its content (a projection: the bytes stay in the database). */
  record Summary(Long id, String fileName, String contentType, long sizeBytes, Instant createdAt) {
  }

  List<TicketAttachment> findByTicketKey(String ticketKey);

  List<Summary> findByTicketOrderByIdAsc(Ticket ticket);

  /** By id, but only among the ticket's own: an agent of one ticket cannot read another's files by id. */
  Optional<TicketAttachment> findByIdAndTicket(Long id, Ticket ticket);
}
