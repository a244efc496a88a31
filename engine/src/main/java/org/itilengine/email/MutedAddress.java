package org.itilengine.email;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An address whose mail bounced: it gets no notifications until it writes to us again. */
@Entity
@Table(name = "muted_address")
public class MutedAddress {

  @Id
  private String address;

  @Column(nullable = false, length = 2000)
  private String reason;

  @Column(name = "muted_at", nullable = false)
  private Instant mutedAt;

  protected MutedAddress() {
  }

  public MutedAddress(String address, String reason, Instant mutedAt) {
    this.address = address;
    this.reason = reason;
    this.mutedAt = mutedAt;
  }

  public String getAddress() {
    return address;
  }

  public String getReason() {
    return reason;
  }

  public Instant getMutedAt() {
    return mutedAt;
  }
}
