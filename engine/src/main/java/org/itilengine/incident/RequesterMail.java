package org.itilengine.incident;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The mails a requester gets from the incident and service-request flows; each is a template in mail-templates/. Most
 * are steps of incident.bpmn; mails triggered by agents' actions run in requester-mail.bpmn.
 */
public enum RequesterMail {
  ACKNOWLEDGEMENT("acknowledgement", true),
  ASSIGNMENT("assignment", true),
  AGENT_REPLY("agent-reply", true),
  QUESTION("question", true),
  RESOLUTION("resolution", true),
  SLA_BREACH("sla-breach", true),
  REQUEST_RECEIVED("request-received", false),
  REQUEST_FULFILLED("request-fulfilled", false),
  REQUEST_NOT_FULFILLED("request-not-fulfilled", false),
  REQUEST_REJECTED("request-rejected", false),
  REQUEST_REFUSED("request-refused", false),
  REQUEST_NOT_GRANTABLE("request-not-grantable", false),
  REQUEST_EXPIRED("request-expired", false),
  VERIFICATION_CODE_WRONG("verification-code-wrong", false),
  ATTACHMENTS_DROPPED("attachments-dropped", false);

  /** The process that sends one mail outside the incident instance (requester-mail.bpmn). */
  public static final String PROCESS_KEY = "requester-mail";

  private final String template;
  private final boolean copiedToWatchers;

  RequesterMail(String template, boolean copiedToWatchers) {
    this.template = template;
    this.copiedToWatchers = copiedToWatchers;
  }

  public String template() {
    return template;
  }

  /**
   * The incident's conversation goes to the watchers too (who was on the reporting mail, see
   * NotifyRequester for which of them); a mail about the sender's own attachments does not.
   */
  public boolean copiedToWatchers() {
    return copiedToWatchers;
  }

  /**
   * Sends this mail from a requester-mail instance of its own: a job, so a mail server outage
   * neither fails nor collides with the agent's or the mail intake's transaction. Inside an
   * engine command the engine starts it on the caller's behalf (agents may not start process
   * events themselves).
   */
  public void sendSeparately(RuntimeService runtime, String ticketKey) {
    sendSeparately(runtime, ticketKey, Variables.createVariables());
  }

  /** As above, with extra values for the template. */
  public void sendSeparately(RuntimeService runtime, String ticketKey, VariableMap values) {
    VariableMap mail = Variables.fromMap(values);
    IncidentProcess.TICKET_KEY.putIn(mail, ticketKey);
    IncidentProcess.TEMPLATE.putIn(mail, this);
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      runtime.startProcessInstanceByKey(PROCESS_KEY, ticketKey, mail);
    } else {
      command.runWithoutAuthorization(() -> runtime.startProcessInstanceByKey(PROCESS_KEY, ticketKey, mail));
    }
  }
}
