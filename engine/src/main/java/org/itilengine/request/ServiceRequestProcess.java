package org.itilengine.request;

import static org.itilengine.process.EnumVariable.ofEnum;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.itilengine.incident.IncidentProcess;
import org.itilengine.process.EnumVariable;
import org.itilengine.process.ProcessVariable;

/** The service-request process: its key, the ids of its elements and its typed variables. */
public final class ServiceRequestProcess {

  public static final String KEY = "service-request";
  public static final String APPROVAL_DECISION_KEY = "request-approval";
  public static final String MESSAGE_REQUEST_SUBMITTED = "ServiceRequestSubmitted";
  public static final String MESSAGE_VERIFICATION_REPLY = "ServiceRequestVerificationReply";
  /** BPMN error: the directory refused the automated fulfilment, a person takes over. */
  public static final String ERROR_FULFILMENT_REFUSED = "AutomatedFulfilmentRefused";

  /** Element ids of service-request.bpmn. */
  public static final class Elements {
    public static final String TASK_ACKNOWLEDGE = "Task_AcknowledgeRequest";
    public static final String TASK_IDENTIFY_REQUESTER = "Task_IdentifyRequester";
    public static final String TASK_APPROVE = "Task_ApproveRequest";
    public static final String TIMER_APPROVAL_REMINDER = "Timer_ApprovalReminder";
    public static final String TIMER_APPROVAL_ESCALATION = "Timer_ApprovalEscalation";
    public static final String TASK_REMIND_APPROVERS = "Task_RemindApprovers";
    public static final String TASK_ESCALATE_APPROVAL = "Task_EscalateApproval";
    public static final String TASK_SEND_VERIFICATION_CODE = "Task_SendVerificationCode";
    public static final String TASK_AWAIT_VERIFICATION_CODE = "Task_AwaitVerificationCode";
    public static final String TIMER_VERIFICATION_EXPIRY = "Timer_VerificationExpiry";
    public static final String TASK_START_REQUEST_SLA = "Task_StartRequestSla";
    public static final String TASK_FULFIL_AUTOMATICALLY = "Task_FulfilAutomatically";
    public static final String TASK_FULFIL_BY_HAND = "Task_FulfilRequest";
    public static final String TIMER_REQUEST_SLA = "Timer_RequestSla";
    public static final String TASK_RECORD_SLA_BREACH = "Task_RecordRequestSlaBreach";
    public static final String TASK_CLOSE_FULFILLED = "Task_CloseFulfilled";
    public static final String TASK_CLOSE_NOT_FULFILLED = "Task_CloseNotFulfilled";
    public static final String TASK_CLOSE_REJECTED = "Task_CloseRejected";
    public static final String TASK_CLOSE_REFUSED = "Task_CloseRefused";
    public static final String TASK_CLOSE_EXPIRED = "Task_CloseExpired";
    public static final String TASK_CLOSE_VERIFICATION_FAILED = "Task_CloseVerificationFailed";
    public static final String TASK_CLOSE_NOT_GRANTABLE = "Task_CloseNotGrantable";
    public static final String END_FULFILLED = "EndEvent_RequestFulfilled";
    public static final String END_NOT_FULFILLED = "EndEvent_RequestNotFulfilled";
    public static final String END_REJECTED = "EndEvent_RequestRejected";
    public static final String END_REFUSED = "EndEvent_RequestRefused";
    public static final String END_VERIFICATION_EXPIRED = "EndEvent_VerificationExpired";
    public static final String END_VERIFICATION_FAILED = "EndEvent_VerificationFailed";
    public static final String END_NOT_GRANTABLE = "EndEvent_GroupNotGrantable";

    private Elements() {
    }
  }

  // Shared with the incident flow, so the requester mails read them the same way.
  public static final ProcessVariable<String> TICKET_KEY = IncidentProcess.TICKET_KEY;
  public static final ProcessVariable<String> REQUESTER_EMAIL = IncidentProcess.REQUESTER_EMAIL;
  public static final ProcessVariable<String> REQUESTER_NAME = IncidentProcess.REQUESTER_NAME;
  /** The agent who filed the request over the desk API; none for a request by mail. */
  public static final ProcessVariable<String> REPORTED_BY = IncidentProcess.REPORTED_BY;
  public static final ProcessVariable<String> TITLE = IncidentProcess.TITLE;
  public static final ProcessVariable<String> DESCRIPTION = IncidentProcess.DESCRIPTION;
  public static final ProcessVariable<String> REQUESTER_MESSAGE_ID = IncidentProcess.REQUESTER_MESSAGE_ID;
  public static final ProcessVariable<String> DROPPED_ATTACHMENTS = IncidentProcess.DROPPED_ATTACHMENTS;
  public static final ProcessVariable<String> RESOLUTION_NOTES = IncidentProcess.RESOLUTION_NOTES;
  public static final ProcessVariable<String> HAND_OFF_NOTE = IncidentProcess.HAND_OFF_NOTE;
  public static final ProcessVariable<Date> RESOLUTION_DUE_AT = IncidentProcess.RESOLUTION_DUE_AT;

  // What the requester asks for.
  public static final ProcessVariable<String> CATALOG_ITEM = ProcessVariable.of("catalogItem", String.class);
  /** The group or application an access request is about. */
  public static final ProcessVariable<String> ACCESS_GROUP = ProcessVariable.of("accessGroup", String.class);
  /** Longer is no directory group (LDAP and SCIM names are short): such a request is fulfilled by hand. */
  public static final int MAX_ACCESS_GROUP_LENGTH = 255;
  /** False for access to a group the catalog item does not grant: refused before anyone is asked. */
  public static final ProcessVariable<Boolean> GROUP_GRANTABLE = ProcessVariable.of("groupGrantable", Boolean.class);

  // From the catalog and the directory.
  public static final ProcessVariable<Boolean> APPROVAL_REQUIRED = ProcessVariable.of("approvalRequired", Boolean.class);
  public static final ProcessVariable<Boolean> SELF_SERVICE = ProcessVariable.of("selfService", Boolean.class);
  public static final EnumVariable<Automation> AUTOMATION = ofEnum("automation", Automation.class);
  public static final ProcessVariable<String> FULFILMENT_GROUP = ProcessVariable.of("fulfilmentGroup", String.class);
  public static final ProcessVariable<Boolean> REQUESTER_KNOWN = ProcessVariable.of("requesterKnown", Boolean.class);
  /** employee, contractor, or unknown when the directory does not know the requester or names another type. */
  public static final ProcessVariable<String> EMPLOYEE_TYPE = ProcessVariable.of("employeeType", String.class);
  /**
   * The desk account (Camunda user id) of the requester's manager, found by the manager's mail
   * address; the directory's own id (a SCIM resource id) is no desk login. Null when there is none.
   */
  public static final ProcessVariable<String> MANAGER_USER_ID = ProcessVariable.of("managerUserId", String.class);

  // Approval.
  public static final EnumVariable<ApprovalLevel> APPROVAL_LEVEL = ofEnum("approvalLevel", ApprovalLevel.class);
  public static final ProcessVariable<String> APPROVER = ProcessVariable.of("approver", String.class);
  public static final EnumVariable<ApprovalDecision> APPROVAL_DECISION = ofEnum("approvalDecision", ApprovalDecision.class);
  public static final ProcessVariable<String> APPROVAL_COMMENT = ProcessVariable.of("approvalComment", String.class);
  /** Read only by model versions from before 2026-12; each approval task now has its own due date. */
  public static final ProcessVariable<Date> APPROVAL_DUE_AT = ProcessVariable.of("approvalDueAt", Date.class);
  public static final ProcessVariable<String> APPROVAL_REMINDER_AFTER = ProcessVariable.of("approvalReminderAfter", String.class);
  public static final ProcessVariable<String> APPROVAL_ESCALATION_AFTER = ProcessVariable.of("approvalEscalationAfter", String.class);

  // Tier 0 verification. Only a hash of the code is kept; the requester's reply is transient.
  public static final ProcessVariable<String> VERIFICATION_VALID_FOR = ProcessVariable.of("verificationValidFor", String.class);
  /** When the code sent expires; fixed when it is sent, so wrong guesses never extend it. */
  public static final ProcessVariable<Date> VERIFICATION_EXPIRES_AT =
      ProcessVariable.of("verificationExpiresAt", Date.class);
  public static final ProcessVariable<String> VERIFICATION_CODE_HASH = ProcessVariable.of("verificationCodeHash", String.class);
  public static final ProcessVariable<Integer> VERIFICATION_ATTEMPTS_LEFT = ProcessVariable.of("verificationAttemptsLeft", Integer.class);
  public static final ProcessVariable<Boolean> VERIFIED = ProcessVariable.of("verified", Boolean.class);
  public static final ProcessVariable<String> VERIFICATION_REPLY = ProcessVariable.of("verificationReply", String.class);

  // Fulfilment and closure.
  public static final EnumVariable<FulfilmentOutcome> FULFILMENT_OUTCOME = ofEnum("fulfilmentOutcome", FulfilmentOutcome.class);
  public static final ProcessVariable<String> FULFILMENT_NOTES = ProcessVariable.of("fulfilmentNotes", String.class);
  /** Local input of the closing tasks. */
  public static final EnumVariable<RequestClosure> CLOSURE = ofEnum("closure", RequestClosure.class);

  /** The approvers in order ({@link ApprovalTasks}), kept as JSON (no Java serialization in the history). */
  public static void setApprovers(VariableScope scope, List<String> approvers) {
    setList(scope, "approvers", approvers);
  }

  private static final String APPROVED_BY = "approvedBy";

  /** Who has approved the request so far: each approval must be another person's. */
  @SuppressWarnings("unchecked")
  public static List<String> approvedBy(VariableScope scope) {
    List<String> approved = (List<String>) scope.getVariable(APPROVED_BY);
    return approved == null ? List.of() : approved;
  }

  public static void addApprovedBy(VariableScope scope, String approver) {
    List<String> approved = new ArrayList<>(approvedBy(scope));
    approved.add(approver);
    setList(scope, APPROVED_BY, approved);
  }

  private static void setList(VariableScope scope, String name, List<String> values) {
    scope.setVariable(name, Variables.objectValue(new ArrayList<>(values))
        .serializationDataFormat(SerializationDataFormats.JSON).create());
  }

  private ServiceRequestProcess() {
  }
}
