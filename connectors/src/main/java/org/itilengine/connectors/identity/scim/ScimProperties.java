package org.itilengine.connectors.identity.scim;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The SCIM 2.0 service provider (RFC 7644), e.g. {@code https://idp.example.org/scim/v2}. Bound
 * only when {@code itil.directory.scim.base-url} is set. The bearer token comes from the
 * environment ({@code ITIL_DIRECTORY_SCIM_TOKEN}), never from a file in the repository.
 */
@Validated
@ConfigurationProperties("itil.directory.scim")
@ConditionalOnProperty("itil.directory.scim.base-url")
public record ScimProperties(
    @NotBlank String baseUrl,
    @NotBlank String token,
    Duration connectTimeout,
    Duration responseTimeout,
    Integer maxRedeliveries,
    Duration redeliveryDelay) {

  public ScimProperties {
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    responseTimeout = responseTimeout == null ? Duration.ofSeconds(10) : responseTimeout;
    maxRedeliveries = maxRedeliveries == null ? 3 : maxRedeliveries;
    redeliveryDelay = redeliveryDelay == null ? Duration.ofMillis(500) : redeliveryDelay;
  }

  /** Without the token, so logging these settings leaks nothing. */
  @Override
  public String toString() {
    return "ScimProperties[baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout + ", responseTimeout="
        + responseTimeout + "]";
  }
}
