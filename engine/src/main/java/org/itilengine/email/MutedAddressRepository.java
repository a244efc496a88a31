package org.itilengine.email;

import org.springframework.data.jpa.repository.JpaRepository;

public interface MutedAddressRepository extends JpaRepository<MutedAddress, String> {
}
