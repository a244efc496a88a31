package org.itilengine.request;

/** Who must approve a service request (request-approval.dmn). */
public enum ApprovalLevel {
  NONE,
  MANAGER,
  MANAGER_AND_OWNER
}
