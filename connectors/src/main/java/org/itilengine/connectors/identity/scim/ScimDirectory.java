package org.itilengine.connectors.identity.scim;

import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.itilengine.connectors.identity.DirectoryOperation;
import org.itilengine.connectors.identity.IdentityRequestRejectedException;
import org.itilengine.connectors.identity.RoutedIdentityProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** The SCIM 2.0 provider at {@code itil.directory.scim.base-url}, reached through {@link ScimRoute}. */
@Component("scimDirectory")
@ConditionalOnProperty("itil.directory.scim.base-url")
public class ScimDirectory extends RoutedIdentityProvider {

  static final String ROUTE_PREFIX = "scim-directory";

  public ScimDirectory(ProducerTemplate producer) {
    super(producer, ROUTE_PREFIX);
  }

  @Override
  public String name() {
    return "scim";
  }

  @Override
  protected Optional<IdentityRequestRejectedException> refusal(DirectoryOperation operation, String what,
      Exception failure) {
    return ScimErrors.refusal(operation, what, failure);
  }
}
