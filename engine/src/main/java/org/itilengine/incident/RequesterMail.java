package org.itilengine.incident;

/** The mails a requester gets from the incident flow; each is a template in mail-templates/. */
public enum RequesterMail {
  ACKNOWLEDGEMENT("acknowledgement"),
  QUESTION("question"),
  RESOLUTION("resolution"),
  SLA_BREACH("sla-breach");

  private final String template;

  RequesterMail(String template) {
    this.template = template;
  }

  public String template() {
    return template;
  }
}
