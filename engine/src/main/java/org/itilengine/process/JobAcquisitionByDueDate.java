package org.itilengine.process;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every open incident keeps four SLA timers for hours or days, so the job table is mostly jobs
 * that are not due. Camunda's acquisition query (run by every node, every few seconds) looks for
 * "no due date, or due", which no index serves on H2 and which reads the whole table without one.
 * With every job given a due date it becomes a range of an index on the due date, read oldest
 * first. Camunda creates its tables after our Flyway migrations run, so the index is made here,
 * once the engine's schema exists.
 */
@Component
public class JobAcquisitionByDueDate extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(JobAcquisitionByDueDate.class);
  private static final String CREATE_INDEX = "create index if not exists itil_idx_job_due on ACT_RU_JOB (DUEDATE_)";

  private final JdbcTemplate jdbc;

  public JobAcquisitionByDueDate(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setEnsureJobDueDateNotNull(true); // async steps are due "now", not null
    configuration.setJobExecutorAcquireByDueDate(true); // oldest due first: first in, first out
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    try {
      jdbc.execute(CREATE_INDEX);
    } catch (DataAccessException e) {
      // Nodes starting together: PostgreSQL lets only one of two concurrent creates win; by now
      // the index exists and the second attempt finds it.
      LOG.info("Creating the job due-date index failed ({}); once more", e.getMostSpecificCause().getMessage());
      jdbc.execute(CREATE_INDEX);
    }
    // Jobs made before this setting have no due date: the acquisition no longer looks for those.
    int undated = jdbc.update(
        "update ACT_RU_JOB set DUEDATE_ = coalesce(CREATE_TIME_, current_timestamp) where DUEDATE_ is null");
    if (undated > 0) {
      LOG.info("{} waiting jobs had no due date; they are due now", undated);
    }
  }
}
