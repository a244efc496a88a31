package org.itilengine.connectors.mail;

import java.time.Instant;

/** What the desk does with a parsed mail; implemented by the email channel of the engine. */
public interface InboundMailHandler {

  enum Outcome {
    /** Became a ticket or a reply on one; flag it as read. */
    PROCESSED,
    /** Noise (auto-reply, list mail, our own loop, duplicate); flag it as read. */
    IGNORED,
    /** Not yet (e.g. its ticket is still being created); leave it unread for the next poll. */
    RETRY_LATER
  }

  /**
   * Runs in its own transaction; the mailbox flags the mail only after this returns.
   *
   * @param receivedAt when the mail server received it: how long a mail may wait for RETRY_LATER
   */
  Outcome handle(String mailbox, ParsedMail mail, Instant receivedAt);

  /** Records a mail that goes to quarantine, with the reason and its raw bytes. */
  void quarantine(String mailbox, String messageId, byte[] raw, String reason);
}
