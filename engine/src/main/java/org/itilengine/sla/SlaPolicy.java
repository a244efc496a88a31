package org.itilengine.sla;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.itilengine.ticket.Priority;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Response and resolution targets per priority, and when to warn before they are missed. */
@Validated
@ConfigurationProperties("itil.sla")
public record SlaPolicy(@NotNull Map<Priority, @Valid Target> targets,
    @DecimalMin("0.1") @DecimalMax("0.99") double warningFraction) {

  public SlaPolicy {
    for (Priority p : Priority.values()) {
      if (targets == null || !targets.containsKey(p)) {
        throw new IllegalArgumentException("itil.sla.targets." + p + " is not configured");
      }
    }
  }

  public record Target(@NotNull Duration response, @NotNull Duration resolution) {
  }

  public Target target(Priority priority) {
    return targets.get(priority);
  }

  /** A deadline and the moment to warn, both measured from the same start. */
  public record Deadline(Instant warnAt, Instant dueAt) {
  }

  public Deadline response(Priority priority, Instant from) {
    return deadline(from, target(priority).response());
  }

  public Deadline resolution(Priority priority, Instant from) {
    return deadline(from, target(priority).resolution());
  }

  /**
   * A reopened incident's clock: what was left at resolution, and at least a quarter of the
   * priority's resolution time, so the tier that resolved it can look again before a breach
   * escalates it past them.
   */
  public Deadline reopened(Priority priority, Instant now, Duration left) {
    Duration least = target(priority).resolution().dividedBy(4);
    return resume(now, left.compareTo(least) < 0 ? least : left);
  }

  /** A clock that was paused and now runs on with {@code left} to go. */
  public Deadline resume(Instant now, Duration left) {
    return deadline(now, left);
  }

  private Deadline deadline(Instant from, Duration window) {
    return new Deadline(from.plusMillis((long) (window.toMillis() * warningFraction)), from.plus(window));
  }
}
