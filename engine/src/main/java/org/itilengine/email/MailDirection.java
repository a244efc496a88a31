package org.itilengine.email;

public enum MailDirection {
  IN,
  OUT
}
