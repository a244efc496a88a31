package org.itilengine.connectors.identity.ldap;

import com.unboundid.ldap.sdk.LDAPException;
import org.apache.camel.ProducerTemplate;
import org.itilengine.connectors.identity.IdentityProviderUnavailableException;
import org.itilengine.connectors.identity.RoutedIdentityProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** The LDAP directory named by {@code itil.directory.ldap.url}, reached through {@link LdapDirectoryRoute}. */
@Component("ldapDirectory")
@ConditionalOnProperty("itil.directory.ldap.url")
public class LdapDirectory extends RoutedIdentityProvider {

  static final String ROUTE_PREFIX = "ldap-directory";

  private final LdapDirectoryClient client;

  public LdapDirectory(ProducerTemplate producer, LdapDirectoryClient client) {
    super(producer, ROUTE_PREFIX);
    this.client = client;
  }

  @Override
  public String name() {
    return "ldap";
  }

  /** For a health indicator: one cheap read, no redelivery. */
  public void checkReachable() {
    try {
      client.checkReachable();
    } catch (LDAPException e) {
      throw new IdentityProviderUnavailableException("LDAP directory is not reachable: " + e.getMessage(), e);
    }
  }
}
