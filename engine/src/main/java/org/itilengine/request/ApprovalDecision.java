package org.itilengine.request;

public enum ApprovalDecision {
  APPROVED,
  REJECTED
}
