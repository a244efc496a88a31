package org.itilengine.email;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface QuarantinedMailRepository extends JpaRepository<QuarantinedMail, Long> {

  List<QuarantinedMail> findByReprocessedAtIsNullOrderByQuarantinedAtAsc();

  Optional<QuarantinedMail> findFirstByMailboxAndRawSha256AndReprocessedAtIsNull(String mailbox, String rawSha256);
}
