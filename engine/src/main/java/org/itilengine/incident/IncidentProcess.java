package org.itilengine.incident;

import static org.itilengine.process.EnumVariable.ofEnum;

import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.itilengine.process.EnumVariable;
import org.itilengine.process.ProcessText;
import org.itilengine.process.ProcessVariable;
import org.itilengine.ticket.Level;
import org.itilengine.ticket.Priority;
import org.itilengine.ticket.Tier;

/** The incident process: its key, the ids of its elements and its typed variables. */
public final class IncidentProcess {

  public static final String KEY = "incident";
  public static final String PRIORITY_DECISION = "incident-priority";
  public static final String ASSIGNMENT_DECISION = "incident-assignment";
  public static final String MESSAGE_INCIDENT_REPORTED = "IncidentReported";
  public static final String MESSAGE_REQUESTER_ANSWERED = "IncidentRequesterAnswered";
  public static final String MESSAGE_RESOLUTION_CONFIRMED = "IncidentResolutionConfirmed";
  public static final String MESSAGE_RESOLUTION_REJECTED = "IncidentResolutionRejected";

  /** Element ids of incident.bpmn. */
  public static final class Elements {
    public static final String TASK_ACKNOWLEDGE_REQUESTER = "Task_AcknowledgeRequester";
    public static final String TASK_DECLARE_MAJOR_INCIDENT = "Task_DeclareMajorIncident";
    public static final String TASK_NOTIFY_MAJOR_INCIDENT_STAKEHOLDERS = "Task_NotifyMajorIncidentStakeholders";
    public static final String TASK_NOTIFY_RESOLUTION = "Task_NotifyResolution";
    public static final String TASK_TRIAGE = "Task_TriageIncident";
    public static final String TASK_INVESTIGATE_L2 = "Task_InvestigateIncidentL2";
    public static final String TASK_INVESTIGATE_L3 = "Task_InvestigateIncidentL3";
    public static final String TASK_ENGAGE_VENDOR = "Task_EngageVendor";
    public static final String GATEWAY_UPDATE_ONLY = "Gateway_UpdateOnly";
    public static final String GATEWAY_AWAIT_REQUESTER_ANSWER = "Gateway_AwaitRequesterAnswer";
    public static final String TIMER_REQUESTER_SILENT = "Timer_RequesterSilent";
    public static final String TIMER_RESPONSE_SLA_WARNING = "Timer_ResponseSlaWarning";
    public static final String TIMER_RESPONSE_SLA = "Timer_ResponseSla";
    public static final String TIMER_RESOLUTION_SLA_WARNING = "Timer_ResolutionSlaWarning";
    public static final String TIMER_RESOLUTION_SLA = "Timer_ResolutionSla";
    public static final String TASK_WARN_RESPONSE_SLA = "Task_WarnResponseSla";
    public static final String TASK_NOTIFY_RESPONSE_SLA_BREACH = "Task_NotifyResponseSlaBreach";
    public static final String TASK_WARN_RESOLUTION_SLA = "Task_WarnResolutionSla";
    public static final String GATEWAY_AWAIT_CONFIRMATION = "Gateway_AwaitConfirmation";
    public static final String TIMER_AUTO_CLOSE = "Timer_AutoClose";
    public static final String END_INCIDENT_CLOSED = "EndEvent_IncidentClosed";

    private Elements() {
    }
  }

  // What the reporter supplies when the incident is started.
  public static final ProcessVariable<String> REQUESTER_EMAIL = ProcessVariable.of("requesterEmail", String.class);
  public static final ProcessVariable<String> REQUESTER_NAME = ProcessVariable.of("requesterName", String.class);
  public static final ProcessVariable<String> TITLE = ProcessVariable.of("title", String.class);
  /** As much of the description as a variable holds (see {@link ProcessText}), for the forms. */
  public static final ProcessVariable<String> DESCRIPTION = ProcessVariable.of("description", String.class);
  /** The whole description when it is longer: transient, the register step puts it on the ticket. */
  public static final ProcessVariable<String> WHOLE_DESCRIPTION = ProcessVariable.of("wholeDescription", String.class);
  public static final EnumVariable<Level> IMPACT = ofEnum("impact", Level.class);
  public static final EnumVariable<Level> URGENCY = ofEnum("urgency", Level.class);
  /** Name of the affected configuration item, when the reporter knows it. */
  public static final ProcessVariable<String> CONFIGURATION_ITEM = ProcessVariable.of("configurationItem", String.class);
  /** The Message-ID of the requester's mail, so our answers thread under it. */
  public static final ProcessVariable<String> REQUESTER_MESSAGE_ID = ProcessVariable.of("requesterMessageId", String.class);
  /** Attachments of the reporting mail that were over the size limit, named in the acknowledgement. */
  public static final ProcessVariable<String> DROPPED_ATTACHMENTS = ProcessVariable.of("droppedAttachments", String.class);
  /** Who started the instance (the start event's initiator). */
  public static final ProcessVariable<String> REPORTED_BY = ProcessVariable.of("reportedBy", String.class);

  // Set by the engine for gateways, timers and task assignment.
  public static final ProcessVariable<String> TICKET_KEY = ProcessVariable.of("ticketKey", String.class);
  public static final EnumVariable<Priority> PRIORITY = ofEnum("priority", Priority.class);
  public static final ProcessVariable<Integer> TASK_PRIORITY = ProcessVariable.of("taskPriority", Integer.class);
  public static final EnumVariable<Tier> TIER = ofEnum("tier", Tier.class);
  public static final ProcessVariable<String> CATEGORY = ProcessVariable.of("category", String.class);
  public static final ProcessVariable<String> CATEGORY_OPTIONS = ProcessVariable.of("categoryOptions", String.class);
  public static final ProcessVariable<String> ASSIGNMENT_GROUP = ProcessVariable.of("assignmentGroup", String.class);
  public static final ProcessVariable<Boolean> RESPONDED = ProcessVariable.of("responded", Boolean.class);
  /**
   * Set once the response SLA is breached: a resolution breach enters the resolution again, and its
   * response timers, long past due, must not warn and breach a second time.
   */
  public static final ProcessVariable<Boolean> RESPONSE_BREACHED = ProcessVariable.of("responseBreached", Boolean.class);
  public static final ProcessVariable<Date> RESPONSE_WARNING_AT = ProcessVariable.of("responseWarningAt", Date.class);
  public static final ProcessVariable<Date> RESPONSE_DUE_AT = ProcessVariable.of("responseDueAt", Date.class);
  public static final ProcessVariable<Date> RESOLUTION_WARNING_AT = ProcessVariable.of("resolutionWarningAt", Date.class);
  public static final ProcessVariable<Date> RESOLUTION_DUE_AT = ProcessVariable.of("resolutionDueAt", Date.class);
  public static final ProcessVariable<String> AUTO_CLOSE_AFTER = ProcessVariable.of("autoCloseAfter", String.class);
  /** How long an agent's question waits for the requester before the incident is back with the agent. */
  public static final ProcessVariable<String> REQUESTER_ANSWER_WAIT = ProcessVariable.of("requesterAnswerWait", String.class);

  // Entered by agents in the tier forms.
  public static final ProcessVariable<String> CATEGORY_PATH = ProcessVariable.of("categoryPath", String.class);
  public static final EnumVariable<TierOutcome> OUTCOME = ofEnum("outcome", TierOutcome.class);
  public static final ProcessVariable<String> HAND_OFF_NOTE = ProcessVariable.of("handOffNote", String.class);
  public static final ProcessVariable<String> HAND_OFF_AUTHOR = ProcessVariable.of("handOffAuthor", String.class);
  /** The last hand-off note, shown read-only to the tier that picks the incident up. */
  public static final ProcessVariable<String> PREVIOUS_HAND_OFF_NOTE = ProcessVariable.of("previousHandOffNote", String.class);
  /**
   * The agent who gets the tier's task back after mailing the requester an update or a question;
   * null: the assignment group's queue.
   */
  public static final ProcessVariable<String> TIER_ASSIGNEE = ProcessVariable.of("tierAssignee", String.class);
  /** A public reply an agent wrote (an update from the tier's form, or through the API), and who wrote it. */
  public static final ProcessVariable<String> AGENT_REPLY = ProcessVariable.of("agentReply", String.class);
  public static final ProcessVariable<String> AGENT_REPLY_AUTHOR = ProcessVariable.of("agentReplyAuthor", String.class);
  public static final ProcessVariable<String> QUESTION_TO_REQUESTER = ProcessVariable.of("questionToRequester", String.class);
  /** The requester's latest mail: the answer to the last question, or what they wrote since; shown in the tier forms. */
  public static final ProcessVariable<String> REQUESTER_ANSWER = ProcessVariable.of("requesterAnswer", String.class);
  public static final EnumVariable<ResolutionCode> RESOLUTION_CODE = ofEnum("resolutionCode", ResolutionCode.class);
  public static final ProcessVariable<String> RESOLUTION_NOTES = ProcessVariable.of("resolutionNotes", String.class);
  public static final ProcessVariable<String> RESOLVED_BY = ProcessVariable.of("resolvedBy", String.class);

  // Sent with the requester's answer to the resolution.
  public static final ProcessVariable<Boolean> REQUESTER_CONFIRMED = ProcessVariable.of("requesterConfirmed", Boolean.class);
  /** The requester's answer to the satisfaction question (1..5), when they gave one. */
  public static final ProcessVariable<Integer> SATISFACTION_SCORE = ProcessVariable.of("satisfactionScore", Integer.class);

  // Local inputs of the shared service tasks.
  public static final EnumVariable<RequesterMail> TEMPLATE = ofEnum("template", RequesterMail.class);
  public static final EnumVariable<SlaEvent> SLA_EVENT = ofEnum("slaEvent", SlaEvent.class);
  public static final EnumVariable<SlaKind> SLA_KIND = ofEnum("slaKind", SlaKind.class);

  private IncidentProcess() {
  }

  /** Puts a reporter's description: shortened where a variable cannot hold it, and then whole as well, transient. */
  public static void putDescription(VariableMap variables, String text) {
    DESCRIPTION.putIn(variables, ProcessText.fit(text));
    if (!ProcessText.fits(text)) {
      variables.putValueTyped(WHOLE_DESCRIPTION.name(), Variables.stringValue(text, true));
    }
  }

  /** The whole description, for the ticket. */
  public static String wholeDescription(VariableScope scope) {
    return WHOLE_DESCRIPTION.find(scope).or(() -> DESCRIPTION.find(scope)).orElse("");
  }
}
