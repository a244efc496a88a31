package org.itilengine.incident;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long a resolved incident waits for the requester before it closes by itself, and how long an
 * agent's question waits for an answer before the incident is back with the agent.
 */
@Validated
@ConfigurationProperties("itil.incident")
public record IncidentSettings(@NotNull Duration autoCloseAfter, @NotNull Duration requesterAnswerWait) {
}
