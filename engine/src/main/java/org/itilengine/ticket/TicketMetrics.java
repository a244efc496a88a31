package org.itilengine.ticket;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.itilengine.security.OnBehalfOfCaller;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gauges for the desk's state: open tickets by type, priority and tier (one grouped query, reused for
 * a few seconds so a scrape costs one query), and the engine's job backlog.
 */
@Component
public class TicketMetrics implements MeterBinder {

  private static final Duration FRESH_FOR = Duration.ofSeconds(10);
  private static final String NONE = "NONE";

  private final JdbcTemplate jdbc;
  private final ManagementService management;
  private final IdentityService identity;
  private Map<String, Long> openCounts = Map.of();
  private Instant countedAt = Instant.MIN;

  public TicketMetrics(JdbcTemplate jdbc, ManagementService management, IdentityService identity) {
    this.jdbc = jdbc;
    this.management = management;
    this.identity = identity;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Priority priority : Priority.values()) {
      for (Tier tier : Tier.values()) {
        openTickets(registry, TicketType.INCIDENT, priority.name(), tier.name());
      }
    }
    openTickets(registry, TicketType.SERVICE_REQUEST, NONE, NONE); // neither priority nor tier
    // Every job has a due date (JobAcquisitionByDueDate): "due by now" is a range of the due-date
    // index, where Camunda's executable() ("no due date, or due") reads every waiting SLA timer.
    // Jobs of suspended instances are not taken, so they are no backlog. Counted as the engine: the
    // scraping user's authorizations would hide the jobs of processes they may not read.
    Gauge.builder("itil.jobs.due", () -> OnBehalfOfCaller.run(identity, () -> management.createJobQuery().active()
            .withRetriesLeft().duedateLowerThan(new Date(ClockUtil.getCurrentTime().getTime() + 1)).count()))
        .description("Engine jobs due now (job executor backlog)").register(registry);
    Gauge.builder("itil.jobs.failed", () -> OnBehalfOfCaller.run(identity,
            () -> management.createJobQuery().noRetriesLeft().count()))
        .description("Jobs out of retries: incidents in Cockpit").register(registry);
  }

  private void openTickets(MeterRegistry registry, TicketType type, String priority, String tier) {
    Gauge.builder("itil.tickets.open", () -> openCount(type.name() + "/" + priority + "/" + tier))
        .tag("type", type.name()).tag("priority", priority).tag("tier", tier)
        .description("Tickets not yet closed").register(registry);
  }

  private synchronized long openCount(String typePriorityTier) {
    if (countedAt.plus(FRESH_FOR).isBefore(Instant.now())) {
      Map<String, Long> counts = new HashMap<>();
      jdbc.query("select type, coalesce(priority, '" + NONE + "'), coalesce(tier, '" + NONE + "'), count(*)"
          + " from ticket where status <> 'CLOSED' group by type, priority, tier", row -> {
            counts.put(row.getString(1) + "/" + row.getString(2) + "/" + row.getString(3), row.getLong(4));
          });
      openCounts = counts;
      countedAt = Instant.now();
    }
    return openCounts.getOrDefault(typePriorityTier, 0L);
  }
}
