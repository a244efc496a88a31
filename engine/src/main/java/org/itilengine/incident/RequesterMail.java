package org.itilengine.incident;

/**
 * The mails a requester gets from the incident flow; each is a template in mail-templates/. Most
 * are steps of incident.bpmn; mails triggered by agents' actions run in requester-mail.bpmn.
 */
public enum RequesterMail {
  ACKNOWLEDGEMENT("acknowledgement"),
  ASSIGNMENT("assignment"),
  AGENT_REPLY("agent-reply"),
  QUESTION("question"),
  RESOLUTION("resolution"),
  SLA_BREACH("sla-breach");

  /** The process that sends one mail outside the incident instance (requester-mail.bpmn). */
  public static final String PROCESS_KEY = "requester-mail";

  private final String template;

  RequesterMail(String template) {
    this.template = template;
  }

  public String template() {
    return template;
  }
}
