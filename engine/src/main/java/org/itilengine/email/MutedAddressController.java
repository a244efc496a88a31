package org.itilengine.email;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.IdentityService;
import org.itilengine.security.Administrators;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The addresses the desk stopped mailing after a bounce. An address comes back by itself when its
 * owner writes to us again; an administrator lifts it here once the mailbox works (a full mailbox
 * emptied, a typo in the directory fixed), so the requester hears from us again.
 */
@RestController
@RequestMapping("/api/mail/muted")
public class MutedAddressController {

  private final MutedAddressRepository muted;
  private final IdentityService identity;

  public MutedAddressController(MutedAddressRepository muted, IdentityService identity) {
    this.muted = muted;
    this.identity = identity;
  }

  public record MutedAddressView(String address, String reason, Instant mutedAt) {
  }

  @GetMapping
  public List<MutedAddressView> all() {
    requireAdmin();
    return muted.findAll(Sort.by("mutedAt")).stream()
        .map(m -> new MutedAddressView(m.getAddress(), m.getReason(), m.getMutedAt())).toList();
  }

  /** 204 when the address gets mail again, 404 when it was not muted. */
  @DeleteMapping("/{address}")
  public ResponseEntity<Void> lift(@PathVariable String address) {
    requireAdmin();
    MutedAddress entry = muted.findById(address.toLowerCase(Locale.ROOT))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, address + " is not muted"));
    muted.delete(entry);
    return ResponseEntity.noContent().build();
  }

  private void requireAdmin() {
    Administrators.require(identity, "manage muted addresses");
  }
}
