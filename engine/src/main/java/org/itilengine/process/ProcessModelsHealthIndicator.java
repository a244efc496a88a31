package org.itilengine.process;

import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.itilengine.incident.IncidentProcess;
import org.itilengine.incident.RequesterMail;
import org.itilengine.request.ServiceRequestProcess;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Down when a process or decision the desk starts is not deployed, or its latest version is
 * suspended (in Cockpit, or a deployment deleted): mails would then fail until quarantined, so
 * operations should hear of it before the requesters do.
 */
@Component("processes")
public class ProcessModelsHealthIndicator implements HealthIndicator {

  static final List<String> PROCESSES = List.of(IncidentProcess.KEY, ServiceRequestProcess.KEY, RequesterMail.PROCESS_KEY);
  static final List<String> DECISIONS = List.of(IncidentProcess.PRIORITY_DECISION, IncidentProcess.ASSIGNMENT_DECISION,
      ServiceRequestProcess.APPROVAL_DECISION_KEY);

  private final RepositoryService repository;

  public ProcessModelsHealthIndicator(RepositoryService repository) {
    this.repository = repository;
  }

  @Override
  public Health health() {
    Health.Builder health = Health.up();
    for (String key : PROCESSES) {
      ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
          .singleResult();
      String state = latest == null ? "not deployed" : latest.isSuspended() ? "suspended" : null;
      health.withDetail(key, state != null ? state : "version " + latest.getVersion());
      if (state != null) {
        health.down();
      }
    }
    for (String key : DECISIONS) {
      boolean deployed = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).count() > 0;
      health.withDetail(key, deployed ? "deployed" : "not deployed");
      if (!deployed) {
        health.down();
      }
    }
    return health.build();
  }
}
