package org.itilengine.connectors.identity.ldap;

import static org.itilengine.connectors.identity.DirectoryOperation.ADD_TO_GROUP;
import static org.itilengine.connectors.identity.DirectoryOperation.FIND_BY_ID;
import static org.itilengine.connectors.identity.DirectoryOperation.FIND_BY_MAIL;
import static org.itilengine.connectors.identity.DirectoryOperation.REMOVE_FROM_GROUP;
import static org.itilengine.connectors.identity.DirectoryOperation.SET_TEMPORARY_PASSWORD;
import static org.itilengine.connectors.identity.DirectoryOperation.UNLOCK;

import org.itilengine.connectors.identity.DirectoryRouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** The LDAP directory's routes ({@code direct:ldap-directory-...}), one per directory operation. */
@Component
@ConditionalOnProperty("itil.directory.ldap.url")
public class LdapDirectoryRoute extends DirectoryRouteBuilder {

  private final LdapDirectoryProperties settings;
  private final LdapDirectoryClient client;

  public LdapDirectoryRoute(LdapDirectoryProperties settings, LdapDirectoryClient client) {
    super(LdapDirectory.ROUTE_PREFIX);
    this.settings = settings;
    this.client = client;
  }

  @Override
  public void configure() {
    redeliver(settings.maxRedeliveries(), settings.redeliveryDelay());

    operation(FIND_BY_MAIL)
        .process(e -> e.getMessage().setBody(client.findByEmail(e.getMessage().getBody(String.class))));
    operation(FIND_BY_ID)
        .process(e -> e.getMessage().setBody(client.findById(userId(e))));
    operation(UNLOCK)
        .process(e -> client.unlock(userId(e)));
    operation(SET_TEMPORARY_PASSWORD)
        .process(e -> client.setTemporaryPassword(userId(e), e.getMessage().getBody(String.class)));
    operation(ADD_TO_GROUP)
        .process(e -> client.addToGroup(userId(e), group(e)));
    operation(REMOVE_FROM_GROUP)
        .process(e -> client.removeFromGroup(userId(e), group(e)));
  }
}
