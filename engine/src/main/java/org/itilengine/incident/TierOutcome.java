package org.itilengine.incident;

/** What an agent decides at the end of their tier's work. */
public enum TierOutcome {
  RESOLVED,
  ESCALATE,
  /** The tier needs something from the requester first; the incident waits for the answer. */
  ASK_REQUESTER,
  /** The tier mails the requester an update and goes on working; the task comes back to the agent. */
  UPDATE_REQUESTER
}
