package org.itilengine.request;

import java.util.List;
import org.itilengine.connectors.identity.IdentityProvider;
import org.springframework.stereotype.Component;

/** The directory configured to fulfil requests ({@code itil.service-requests.identity-provider}). */
@Component
public class IdentityProviders {

  private final List<IdentityProvider> providers;
  private final String configured;

  public IdentityProviders(List<IdentityProvider> providers, ServiceRequestSettings settings) {
    this.providers = providers;
    this.configured = settings.identityProvider();
  }

  public IdentityProvider current() {
    return providers.stream().filter(p -> p.name().equals(configured)).findFirst()
        .orElseThrow(() -> new IllegalStateException("No identity provider '" + configured
            + "' is configured (set itil.directory.ldap.url or itil.directory.scim.base-url)"));
  }
}
