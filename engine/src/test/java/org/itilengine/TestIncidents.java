package org.itilengine;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.itilengine.incident.IncidentProcess;
import org.itilengine.ticket.Level;

/** Incidents for channel tests: reported as the mail intake reports them, resolved as an agent does. */
public final class TestIncidents {

  private TestIncidents() {
  }

  /** Starts an incident by its start message with what a mail gives it (impact and urgency MEDIUM). */
  public static ProcessInstance report(RuntimeService runtime, String requester, String title) {
    return report(runtime, requester, title, Level.MEDIUM);
  }

  /** The same with impact and urgency both at the given level (HIGH: a P1, a major incident). */
  public static ProcessInstance report(RuntimeService runtime, String requester, String title, Level level) {
    return runtime.createMessageCorrelation(IncidentProcess.MESSAGE_INCIDENT_REPORTED)
        .setVariables(Variables.createVariables().putValue(IncidentProcess.REQUESTER_EMAIL.name(), requester)
            .putValue(IncidentProcess.TITLE.name(), title).putValue(IncidentProcess.DESCRIPTION.name(), "Since 9:00.")
            .putValue(IncidentProcess.IMPACT.name(), level.name()).putValue(IncidentProcess.URGENCY.name(), level.name()))
        .correlateStartMessage();
  }

  /** What an agent enters in the tier form to resolve an incident. */
  public static VariableMap resolution(String categoryPath, String notes) {
    return Variables.createVariables().putValue("categoryPath", categoryPath).putValue("outcome", "RESOLVED")
        .putValue("resolutionCode", "FIXED").putValue("resolutionNotes", notes);
  }
}
