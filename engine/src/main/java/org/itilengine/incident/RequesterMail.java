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
  ACKNOWLEDGEMENT("acknowledgement"),
  ASSIGNMENT("assignment"),
  AGENT_REPLY("agent-reply"),
  QUESTION("question"),
  RESOLUTION("resolution"),
  SLA_BREACH("sla-breach"),
  REQUEST_RECEIVED("request-received"),
  REQUEST_FULFILLED("request-fulfilled"),
  REQUEST_NOT_FULFILLED("request-not-fulfilled"),
  REQUEST_REJECTED("request-rejected"),
  REQUEST_REFUSED("request-refused"),
  REQUEST_EXPIRED("request-expired"),
  VERIFICATION_CODE_WRONG("verification-code-wrong"),
  ATTACHMENTS_DROPPED("attachments-dropped");

  /** The process that sends one mail outside the incident instance (requester-mail.bpmn). */
  public static final String PROCESS_KEY = "requester-mail";

  private final String template;

  RequesterMail(String template) {
    this.template = template;
  }

  public String template() {
    return template;
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
