package org.itilengine.request;

import org.itilengine.connectors.identity.IdentityProviderUnavailableException;
import org.itilengine.connectors.identity.ldap.LdapDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Down when the LDAP directory that fulfils requests cannot be read; unknown when none is configured. */
@Component("directory")
public class DirectoryHealthIndicator implements HealthIndicator {

  private final ObjectProvider<LdapDirectory> ldap;

  public DirectoryHealthIndicator(ObjectProvider<LdapDirectory> ldap) {
    this.ldap = ldap;
  }

  @Override
  public Health health() {
    LdapDirectory directory = ldap.getIfAvailable();
    if (directory == null) {
      return Health.unknown().withDetail("ldap", "not configured").build();
    }
    try {
      directory.checkReachable();
      return Health.up().build();
    } catch (IdentityProviderUnavailableException e) {
      return Health.down().withDetail("ldap", e.getMessage()).build();
    }
  }
}
