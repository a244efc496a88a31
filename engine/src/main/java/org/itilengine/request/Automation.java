package org.itilengine.request;

/** What a catalog item's automated fulfilment asks of the identity provider. */
public enum Automation {
  UNLOCK_ACCOUNT,
  RESET_PASSWORD,
  GRANT_GROUP
}
