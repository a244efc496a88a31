package org.itilengine.incident;

/** What an agent decides at the end of their tier's work. */
public enum TierOutcome {
  RESOLVED,
  ESCALATE
}
