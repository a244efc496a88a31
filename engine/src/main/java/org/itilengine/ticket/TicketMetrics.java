package org.itilengine.ticket;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gauges for the desk's state: open tickets by priority and tier (one grouped query, reused for
 * a few seconds so a scrape costs one query), and the engine's job backlog.
 */
@Component
public class TicketMetrics implements MeterBinder {

  private static final Duration FRESH_FOR = Duration.ofSeconds(10);

  private final JdbcTemplate jdbc;
  private final ManagementService management;
  private Map<String, Long> openCounts = Map.of();
  private Instant countedAt = Instant.MIN;

  public TicketMetrics(JdbcTemplate jdbc, ManagementService management) {
    this.jdbc = jdbc;
    this.management = management;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Priority priority : Priority.values()) {
      for (Tier tier : Tier.values()) {
        Gauge.builder("itil.tickets.open", () -> openCount(priority, tier))
            .tag("priority", priority.name()).tag("tier", tier.name())
            .description("Tickets not yet closed").register(registry);
      }
    }
    // Every job has a due date (JobAcquisitionByDueDate): "due by now" is a range of the due-date
    // index, where Camunda's executable() ("no due date, or due") reads every waiting SLA timer.
    // Jobs of suspended instances are not taken, so they are no backlog.
    Gauge.builder("itil.jobs.due", () -> management.createJobQuery().active().withRetriesLeft()
            .duedateLowerThan(new Date(ClockUtil.getCurrentTime().getTime() + 1)).count())
        .description("Engine jobs due now (job executor backlog)").register(registry);
    Gauge.builder("itil.jobs.failed", () -> management.createJobQuery().noRetriesLeft().count())
        .description("Jobs out of retries: incidents in Cockpit").register(registry);
  }

  private synchronized long openCount(Priority priority, Tier tier) {
    if (countedAt.plus(FRESH_FOR).isBefore(Instant.now())) {
      Map<String, Long> counts = new HashMap<>();
      jdbc.query("select priority, tier, count(*) from ticket where status <> 'CLOSED' group by priority, tier",
          row -> {
            counts.put(row.getString(1) + "/" + row.getString(2), row.getLong(3));
          });
      openCounts = counts;
      countedAt = Instant.now();
    }
    return openCounts.getOrDefault(priority.name() + "/" + tier.name(), 0L);
  }
}
