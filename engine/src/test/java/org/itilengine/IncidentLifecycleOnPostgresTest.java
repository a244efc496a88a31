package org.itilengine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.itilengine.Eventually.eventually;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The lifecycle on PostgreSQL (127.0.0.1:5432, the CI database) with the postgres profile. */
@ActiveProfiles({"postgres", "default"})
@EnabledIf(value = "org.itilengine.TestPostgres#answers", disabledReason = "no PostgreSQL at 127.0.0.1:5432")
class IncidentLifecycleOnPostgresTest extends AbstractIncidentLifecycleTest {

  private static String url;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    url = TestPostgres.freshDatabase("itil_it_");
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> TestPostgres.USER);
  }

  /** Two nodes starting together both create the index: the one that loses the race tries again. */
  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void aNodeThatLosesTheRaceToCreateTheJobIndexStillStarts(CapturedOutput log) throws Exception {
    jdbc.execute("drop index itil_idx_job_due");
    try (Connection otherNode = DriverManager.getConnection(url, TestPostgres.USER, "")) {
      otherNode.setAutoCommit(false);
      otherNode.createStatement().execute("create index if not exists itil_idx_job_due on ACT_RU_JOB (DUEDATE_)");
      CompletableFuture<Void> thisNode = CompletableFuture.runAsync(() -> jobAcquisition.postProcessEngineBuild(engine));
      eventually(() -> jdbc.queryForObject("select count(*) from pg_stat_activity where datname = current_database()"
          + " and wait_event_type = 'Lock' and query like 'create index%'", Integer.class), waiting -> waiting > 0);
      otherNode.commit(); // the other node's index wins; this node's create fails and is retried

      thisNode.get(30, TimeUnit.SECONDS);
    }
    assertThat(log).as("the first create lost the race").contains("Creating the job due-date index failed");
    assertThat(jdbc.queryForObject("select count(*) from pg_indexes where indexname = 'itil_idx_job_due'",
        Integer.class)).isEqualTo(1);
  }

  /** Camunda's acquisition query (its shape with every job dated, oldest first) reads due jobs by index. */
  @Test
  void jobAcquisitionReadsOnlyDueJobsThroughAnIndex() {
    String plan = jdbc.execute((ConnectionCallback<String>) connection -> {
      try (Statement sql = connection.createStatement()) {
        sql.execute("set enable_seqscan = off");
        StringBuilder lines = new StringBuilder();
        try (ResultSet rows = sql.executeQuery("""
            explain select RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_
            from ACT_RU_JOB RES
            where (RES.RETRIES_ > 0) and (RES.DUEDATE_ <= now())
              and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < now()) and RES.SUSPENSION_STATE_ = 1
              and ((RES.EXCLUSIVE_ = true and not exists (select J2.ID_ from ACT_RU_JOB J2
                    where J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ and (J2.EXCLUSIVE_ = true)
                      and (J2.LOCK_OWNER_ is not null and J2.LOCK_EXP_TIME_ >= now())))
                or RES.EXCLUSIVE_ = false)
            order by RES.DUEDATE_ asc limit 3""")) {
          while (rows.next()) {
            lines.append(rows.getString(1)).append('\n');
          }
        } finally {
          sql.execute("reset enable_seqscan");
        }
        return lines.toString();
      }
    });
    assertThat(plan).contains("itil_idx_job_due");
  }
}
