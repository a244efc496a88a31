package org.itilengine.request;

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

/** request-approval.dmn, rule by rule: catalog item x requester attributes -> who approves. */
class RequestApprovalDecisionTest {

  private static final DmnEngine DMN = ((DefaultDmnEngineConfiguration) DmnEngineConfiguration
      .createDefaultDmnEngineConfiguration()).enableFeelLegacyBehavior(true).buildEngine(); // as application.yml
  private static DmnDecision approval;

  @BeforeAll
  static void parseDecision() throws Exception {
    try (InputStream in = RequestApprovalDecisionTest.class.getClassLoader()
        .getResourceAsStream("processes/request-approval.dmn")) {
      approval = DMN.parseDecision(ServiceRequestProcess.APPROVAL_DECISION_KEY, in);
    }
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        Arguments.of(false, "password-reset", "employee", "NONE"),
        Arguments.of(false, "account-unlock", "unknown", "NONE"),
        Arguments.of(false, "other-request", "contractor", "NONE"),
        Arguments.of(true, "group-access", "employee", "MANAGER_AND_OWNER"),
        Arguments.of(true, "group-access", "contractor", "MANAGER_AND_OWNER"),
        Arguments.of(true, "new-software", "contractor", "MANAGER_AND_OWNER"),
        Arguments.of(true, "new-software", "employee", "MANAGER"),
        Arguments.of(true, "new-hardware", "employee", "MANAGER"),
        Arguments.of(true, "new-hardware", "contractor", "MANAGER"),
        Arguments.of(true, "new-hardware", "unknown", "MANAGER_AND_OWNER"));
  }

  @ParameterizedTest(name = "approval {0}, {1}, {2} -> {3}")
  @MethodSource("rules")
  void approvalFollowsItemAndRequester(boolean approvalRequired, String item, String employeeType, String expected) {
    String level = DMN.evaluateDecisionTable(approval, Variables.createVariables()
        .putValue("approvalRequired", approvalRequired).putValue("catalogItem", item)
        .putValue("employeeType", employeeType)).getSingleEntry();
    assertThat(ApprovalLevel.valueOf(level).name()).isEqualTo(expected);
  }
}
