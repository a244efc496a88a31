package org.itilengine.security;

import org.camunda.bpm.engine.impl.plugin.AdministratorAuthorizationPlugin;
import org.camunda.bpm.identity.impl.ldap.plugin.LdapIdentityProviderPlugin;
import org.itilengine.connectors.identity.ldap.EmbeddedDirectoryServer;
import org.itilengine.connectors.identity.ldap.LdapDirectoryProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The "ldap" profile: agents log in to the webapps and the APIs with their directory accounts and
 * Camunda reads users and groups from the same directory that fulfils requests (read-only; the
 * ITIL groups must exist there). Authorizations stay in the engine's database.
 */
@Configuration
@Profile("ldap")
public class DirectoryLogin {

  /** The engine reads users while it is built, so the embedded demo directory must be up before that. */
  @Bean
  LdapIdentityProviderPlugin ldapIdentityProvider(LdapDirectoryProperties directory,
      ObjectProvider<EmbeddedDirectoryServer> embedded) {
    requireTlsWhereAsked(directory.url(), directory.startTls());
    embedded.ifAvailable(EmbeddedDirectoryServer::start);
    LdapIdentityProviderPlugin plugin = new LdapIdentityProviderPlugin();
    plugin.setServerUrl(directory.url());
    plugin.setManagerDn(directory.bindDn());
    plugin.setManagerPassword(directory.bindPassword());
    plugin.setBaseDn(""); // the search bases below are full DNs
    plugin.setUserSearchBase(directory.userBase());
    plugin.setUserSearchFilter("(objectclass=inetOrgPerson)");
    plugin.setUserIdAttribute(directory.idAttribute());
    plugin.setUserFirstnameAttribute("givenName");
    plugin.setUserLastnameAttribute("sn");
    plugin.setUserEmailAttribute(directory.mailAttribute());
    plugin.setUserPasswordAttribute(directory.passwordAttribute());
    plugin.setGroupSearchBase(directory.groupBase());
    plugin.setGroupSearchFilter("(objectclass=" + directory.groupObjectClass() + ")");
    plugin.setGroupIdAttribute(directory.groupNameAttribute());
    plugin.setGroupNameAttribute(directory.groupNameAttribute());
    plugin.setGroupMemberAttribute(directory.memberAttribute());
    plugin.setAuthorizationCheckEnabled(false); // who may see whom is the engine's business, not the directory's
    return plugin;
  }

  /**
   * Camunda's LDAP plugin cannot do StartTLS. Where the connector was told to use it, an ldap://
   * URL would send every agent's password in clear at login, so the application does not start.
   */
  static void requireTlsWhereAsked(String url, boolean startTls) {
    if (startTls && url.regionMatches(true, 0, "ldap://", 0, "ldap://".length())) {
      throw new IllegalStateException("itil.directory.ldap.start-tls is set, but agents log in (profile ldap) through"
          + " Camunda's LDAP plugin, which has no StartTLS: give the directory as ldaps:// instead of " + url);
    }
  }

  /** The configured admin user (a directory account) gets every permission, as the webapps expect. */
  @Bean
  AdministratorAuthorizationPlugin directoryAdministrator(@Value("${camunda.bpm.admin-user.id}") String admin) {
    AdministratorAuthorizationPlugin plugin = new AdministratorAuthorizationPlugin();
    plugin.setAdministratorUserName(admin);
    return plugin;
  }
}
