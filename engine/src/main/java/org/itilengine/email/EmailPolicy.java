package org.itilengine.email;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.itilengine.ticket.Level;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the desk treats inbound mail.
 *
 * @param replyWindow a reply to a ticket closed longer ago than this opens a new, linked incident
 * @param strangers what a mail quoting a ticket key from someone who is not its requester does
 * @param maxMailsPerSenderPerHour above this, a sender's mail is recorded but ignored
 * @param unknownKeyGrace how long a mail is left for retry (by its arrival at the server) when it
 *     names a ticket key we do not know yet, or answers a step its process has not reached yet
 */
@Validated
@ConfigurationProperties("itil.email")
public record EmailPolicy(@NotNull Duration replyWindow, @NotNull StrangerPolicy strangers,
    int maxMailsPerSenderPerHour, @NotNull Duration unknownKeyGrace, @NotNull Level defaultImpact,
    @NotNull Level defaultUrgency) {

  public enum StrangerPolicy {
    /** Open a new incident for the stranger, linked to the quoted one. */
    NEW_TICKET,
    /** Keep the mail as an internal note on the quoted ticket, visible to agents only. */
    INTERNAL_NOTE
  }
}
