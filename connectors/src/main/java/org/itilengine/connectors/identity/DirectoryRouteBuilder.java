package org.itilengine.connectors.identity;

import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/**
 * What the routes of all directories share: one direct: route per {@link DirectoryOperation}, and
 * one redelivery policy per RouteBuilder that never retries a definite "no".
 */
public abstract class DirectoryRouteBuilder extends RouteBuilder {

  /** Backoff doubles per attempt but never waits longer than this. */
  private static final Duration MAX_REDELIVERY_DELAY = Duration.ofSeconds(30);

  private final String prefix;

  protected DirectoryRouteBuilder(String prefix) {
    this.prefix = prefix;
  }

  /** Call once at the top of {@code configure()}. */
  protected void redeliver(int maxRedeliveries, Duration firstDelay) {
    errorHandler(defaultErrorHandler()
        .maximumRedeliveries(maxRedeliveries)
        .redeliveryDelay(firstDelay.toMillis())
        .useExponentialBackOff()
        .backOffMultiplier(2)
        .maximumRedeliveryDelay(MAX_REDELIVERY_DELAY.toMillis())
        .retryAttemptedLogLevel(LoggingLevel.WARN)
        // Bodies carry passwords.
        .logExhaustedMessageBody(false));
    // The caller reports the refusal; it is an answer, not a failure of the route.
    onException(IdentityRequestRejectedException.class)
        .maximumRedeliveries(0)
        .logExhausted(false);
  }

  protected RouteDefinition operation(DirectoryOperation operation) {
    return from(operation.endpoint(prefix)).routeId(operation.routeId(prefix));
  }

  protected static String userId(Exchange exchange) {
    return exchange.getProperty(DirectoryOperation.USER_ID, String.class);
  }

  protected static String group(Exchange exchange) {
    return exchange.getProperty(DirectoryOperation.GROUP, String.class);
  }
}
