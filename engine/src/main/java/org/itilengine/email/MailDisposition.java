package org.itilengine.email;

/** What the desk did with a mail; recorded for every mail in and out. */
public enum MailDisposition {
  NEW_TICKET,
  REPLY,
  /** Auto-reply or other automatic mail on a known thread: journaled, nothing else. */
  AUTOMATIC_ON_THREAD,
  /** Automatic, bulk or list mail that belongs to no ticket. */
  AUTOMATIC,
  BOUNCE,
  OWN_LOOP,
  RATE_LIMITED,
  /** On a request waiting for its one-time code, from someone else: recorded, body not kept. */
  NOT_KEPT,
  SENT
}
