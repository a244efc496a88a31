package org.itilengine.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The decision tables of the incident flow, evaluated cell by cell by the DMN engine. */
class IncidentDecisionsTest {

  private static final DmnEngine DMN = ((DefaultDmnEngineConfiguration) DmnEngineConfiguration
      .createDefaultDmnEngineConfiguration()).enableFeelLegacyBehavior(true).buildEngine(); // as application.yml
  private static DmnDecision priority;
  private static DmnDecision assignment;

  @BeforeAll
  static void parseDecisions() throws Exception {
    priority = parse("processes/incident-priority.dmn", IncidentProcess.PRIORITY_DECISION);
    assignment = parse("processes/incident-assignment.dmn", IncidentProcess.ASSIGNMENT_DECISION);
  }

  private static DmnDecision parse(String resource, String key) throws Exception {
    try (InputStream in = IncidentDecisionsTest.class.getClassLoader().getResourceAsStream(resource)) {
      return DMN.parseDecision(key, in);
    }
  }

  /** The classic ITIL impact x urgency matrix. */
  static Stream<Arguments> priorityMatrix() {
    return Stream.of(
        Arguments.of("HIGH", "HIGH", "P1"),
        Arguments.of("HIGH", "MEDIUM", "P2"),
        Arguments.of("HIGH", "LOW", "P3"),
        Arguments.of("MEDIUM", "HIGH", "P2"),
        Arguments.of("MEDIUM", "MEDIUM", "P3"),
        Arguments.of("MEDIUM", "LOW", "P4"),
        Arguments.of("LOW", "HIGH", "P3"),
        Arguments.of("LOW", "MEDIUM", "P4"),
        Arguments.of("LOW", "LOW", "P4"));
  }

  @ParameterizedTest(name = "impact {0} x urgency {1} = {2}")
  @MethodSource("priorityMatrix")
  void priorityFollowsTheItilMatrix(String impact, String urgency, String expected) {
    String result = DMN.evaluateDecisionTable(priority,
        Variables.createVariables().putValue("impact", impact).putValue("urgency", urgency))
        .getSingleEntry();
    assertThat(result).isEqualTo(expected);
  }

  static Stream<Arguments> assignments() {
    return Stream.of(
        Arguments.of("L1", null, "service-desk-l1"),
        Arguments.of("L1", "Network", "service-desk-l1"),
        Arguments.of("L2", "Hardware", "service-desk-l2"),
        Arguments.of("L3", "Software", "service-desk-l3"),
        Arguments.of("VENDOR", "Network", "service-desk-l3"),
        Arguments.of("L1", "Security", "security-team"),
        Arguments.of("L3", "Security", "security-team"));
  }

  @ParameterizedTest(name = "tier {0}, category {1} -> {2}")
  @MethodSource("assignments")
  void assignmentGroupFollowsTierAndCategory(String tier, String category, String expected) {
    String result = DMN.evaluateDecisionTable(assignment,
        Variables.createVariables().putValue("tier", tier).putValue("category", category))
        .getSingleEntry();
    assertThat(result).isEqualTo(expected);
  }
}
