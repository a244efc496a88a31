package org.itilengine.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.itilengine.incident.IncidentProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** The health of the deployed models, on a real engine (in-memory H2) without the application around it. */
class ProcessModelsHealthIndicatorTest {

  private ProcessEngine engine;
  private ProcessModelsHealthIndicator indicator;

  @BeforeEach
  void startEngine() {
    engine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl("jdbc:h2:mem:process-models-health-" + UUID.randomUUID())
        .setJobExecutorActivate(false)
        .buildProcessEngine();
    indicator = new ProcessModelsHealthIndicator(engine.getRepositoryService());
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  @Test
  void downUntilTheModelsAreDeployed() {
    Health empty = indicator.health();
    assertThat(empty.getStatus()).isEqualTo(Status.DOWN);
    assertThat(empty.getDetails()).containsEntry(IncidentProcess.KEY, "not deployed")
        .containsEntry(IncidentProcess.PRIORITY_DECISION, "not deployed");

    deployModels();

    Health deployed = indicator.health();
    assertThat(deployed.getStatus()).isEqualTo(Status.UP);
    assertThat(deployed.getDetails()).containsEntry(IncidentProcess.KEY, "version 1")
        .containsEntry(IncidentProcess.PRIORITY_DECISION, "version 1")
        .containsOnlyKeys(Stream.concat(ProcessModelsHealthIndicator.PROCESSES.stream(),
            ProcessModelsHealthIndicator.DECISIONS.stream()).toList());
  }

  @Test
  void downWhileTheIncidentProcessIsSuspended() {
    deployModels();
    engine.getRepositoryService().suspendProcessDefinitionByKey(IncidentProcess.KEY);

    Health health = indicator.health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry(IncidentProcess.KEY, "suspended");
  }

  private void deployModels() {
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment();
    for (String model : new String[] {"incident.bpmn", "service-request.bpmn", "requester-mail.bpmn",
        "incident-priority.dmn", "incident-assignment.dmn", "request-approval.dmn"}) {
      deployment.addClasspathResource("processes/" + model);
    }
    deployment.deploy();
  }
}
