package org.itilengine.ticket;

/** Support tiers; VENDOR is Tier 4, the supplier behind third line. */
public enum Tier {
  L1,
  L2,
  L3,
  VENDOR;

  /** The tier a functional escalation goes to; the vendor is the last one. */
  public Tier next() {
    return this == VENDOR ? VENDOR : values()[ordinal() + 1];
  }
}
