package org.itilengine.email;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface MailMessageRepository extends JpaRepository<MailMessage, Long> {

  boolean existsByMessageId(String messageId);

  /** A mail a job sent before, if any (see {@link TicketMailer}). */
  @Query("select m.id from MailMessage m where m.deliveryKey = ?1")
  Optional<Long> findIdByDeliveryKey(String deliveryKey);

  Optional<MailMessage> findByMessageId(String messageId);

  List<MailMessage> findByMessageIdIn(Collection<String> messageIds);

  long countByAddressAndDirectionAndCreatedAtAfter(String address, MailDirection direction, Instant after);

  long countByTicketKeyAndAddressAndDirection(String ticketKey, String address, MailDirection direction);

  /** The Message-IDs of the ticket's mails, oldest first. */
  @Query("select m.messageId from MailMessage m where m.ticketKey = ?1 order by m.createdAt")
  List<String> findMessageIdsByTicketKey(String ticketKey);
}
