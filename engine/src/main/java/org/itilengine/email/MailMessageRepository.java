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

  /**
   * The Message-IDs a mail to this recipient threads under, oldest first: the mails the recipient
   * and the requester wrote on the ticket and what went out to the recipient. Not what went to
   * others: a copy to a watcher must not hand them the IDs that show a reply answers the
   * requester's mail; nor what others wrote (a stranger's mail kept as a note on the ticket).
   */
  @Query("select m.messageId from MailMessage m where m.ticketKey = ?1 and (m.address = ?2"
      + " or m.direction = org.itilengine.email.MailDirection.IN and m.address = ?3) order by m.createdAt")
  List<String> findThreadFor(String ticketKey, String recipient, String requester);
}
