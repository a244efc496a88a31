package org.itilengine.email;

import java.util.Locale;
import org.springframework.data.jpa.repository.JpaRepository;

/** Muted addresses are kept in lower case: mail addresses are compared without regard to case. */
public interface MutedAddressRepository extends JpaRepository<MutedAddress, String> {

  default boolean isMuted(String address) {
    return existsById(address.toLowerCase(Locale.ROOT));
  }
}
