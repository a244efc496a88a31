package org.itilengine.security;

/** The groups the ITIL flows assign work to; created on every start if missing. */
public enum ItilGroup {
  SERVICE_DESK_L1("service-desk-l1", "Service desk, first line"),
  SERVICE_DESK_L2("service-desk-l2", "Service desk, second line"),
  SERVICE_DESK_L3("service-desk-l3", "Service desk, third line"),
  PROCESS_OWNERS("process-owners", "Process owners"),
  SECURITY_TEAM("security-team", "Security team"),
  CHANGE_ADVISORY_BOARD("change-advisory-board", "Change advisory board"),
  CAMUNDA_ADMIN("camunda-admin", "Camunda administrators");

  private final String id;
  private final String displayName;

  ItilGroup(String id, String displayName) {
    this.id = id;
    this.displayName = displayName;
  }

  public String id() {
    return id;
  }

  public String displayName() {
    return displayName;
  }

  /** Groups that work tickets in Tasklist. */
  public boolean isAgentGroup() {
    return this != PROCESS_OWNERS && this != CAMUNDA_ADMIN;
  }

  /** Whether these groups make their member an agent or an administrator of the desk. */
  public static boolean includesAgentOrAdmin(java.util.Collection<String> groupIds) {
    return groupIds != null && java.util.Arrays.stream(values())
        .anyMatch(group -> (group.isAgentGroup() || group == CAMUNDA_ADMIN) && groupIds.contains(group.id));
  }
}
