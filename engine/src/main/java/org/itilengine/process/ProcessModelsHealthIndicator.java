package org.itilengine.process;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  private static final String VERSION = "version ";
  private static final String NOT_DEPLOYED = "not deployed";
  private static final String SUSPENDED = "suspended";

  private final RepositoryService repository;

  public ProcessModelsHealthIndicator(RepositoryService repository) {
    this.repository = repository;
  }

  @Override
  public Health health() {
    Map<String, String> states = new LinkedHashMap<>();
    PROCESSES.forEach(key -> states.put(key, processState(key)));
    DECISIONS.forEach(key -> states.put(key, Optional.ofNullable(repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey(key).latestVersion().singleResult()).map(d -> VERSION + d.getVersion()).orElse(NOT_DEPLOYED)));
    boolean ready = states.values().stream().noneMatch(state -> state.equals(NOT_DEPLOYED) || state.equals(SUSPENDED));
    return (ready ? Health.up() : Health.down()).withDetails(states).build();
  }

  private String processState(String key) {
    ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
        .singleResult();
    return latest == null ? NOT_DEPLOYED : latest.isSuspended() ? SUSPENDED : VERSION + latest.getVersion();
  }
}
