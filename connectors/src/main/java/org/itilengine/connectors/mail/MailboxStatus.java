package org.itilengine.connectors.mail;

import java.time.Instant;

/**
 * The outcome of a mailbox's last poll.
 *
 * @param at when it ended, null before the first poll
 * @param error why it failed, null when it succeeded
 */
public record MailboxStatus(String mailbox, Instant at, String error) {
}
