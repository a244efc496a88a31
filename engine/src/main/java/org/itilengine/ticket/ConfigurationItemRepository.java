package org.itilengine.ticket;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ConfigurationItemRepository extends JpaRepository<ConfigurationItem, Long> {

  Optional<ConfigurationItem> findByName(String name);
}
