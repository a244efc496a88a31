package org.itilengine.email;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface QuarantinedMailRepository extends JpaRepository<QuarantinedMail, Long> {

  List<QuarantinedMail> findByReprocessedAtIsNullOrderByQuarantinedAtAsc();
}
