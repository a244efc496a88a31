package org.itilengine.email;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MailMessageRepository extends JpaRepository<MailMessage, Long> {

  boolean existsByMessageId(String messageId);

  Optional<MailMessage> findByMessageId(String messageId);

  List<MailMessage> findByMessageIdIn(Collection<String> messageIds);

  long countByAddressAndDirectionAndCreatedAtAfter(String address, MailDirection direction, Instant after);

  List<MailMessage> findByTicketKeyOrderByCreatedAtAsc(String ticketKey);
}
