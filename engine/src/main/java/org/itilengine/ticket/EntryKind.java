package org.itilengine.ticket;

/** What a journal entry is: what the requester sees, or what only agents see. */
public enum EntryKind {
  /** A reply the requester sees. */
  PUBLIC_REPLY,
  /** An internal work note. */
  WORK_NOTE,
  /** The note an agent leaves for the next tier when escalating. */
  HAND_OFF,
  /** Something the engine did: SLA breach, reopen, closure. */
  SYSTEM
}
