package org.itilengine.request;

import org.itilengine.incident.RequesterMail;

/** How a service request ended, and the mail that tells the requester. */
public enum RequestClosure {
  FULFILLED(RequesterMail.REQUEST_FULFILLED),
  NOT_FULFILLED(RequesterMail.REQUEST_NOT_FULFILLED),
  REJECTED(RequesterMail.REQUEST_REJECTED),
  /** Self-service for someone the directory does not know, or who could not prove who they are. */
  REFUSED(RequesterMail.REQUEST_REFUSED),
  /** Access to a group the catalog does not grant: refused before anyone was asked to approve it. */
  NOT_GRANTABLE(RequesterMail.REQUEST_NOT_GRANTABLE),
  EXPIRED(RequesterMail.REQUEST_EXPIRED);

  private final RequesterMail mail;

  RequestClosure(RequesterMail mail) {
    this.mail = mail;
  }

  public RequesterMail mail() {
    return mail;
  }
}
