package org.itilengine.connectors.identity.ldap;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldif.LDIFReader;
import java.io.InputStream;
import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * A real LDAP server (UnboundID in-memory) inside the application, so the demo and the tour need
 * no directory. It listens on 127.0.0.1 only and starts with the demo people and groups.
 */
@Component
@ConditionalOnProperty("itil.directory.embedded.enabled")
public class EmbeddedDirectoryServer implements SmartLifecycle {

  public static final String BASE_DN = "dc=example,dc=org";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDirectoryServer.class);

  private final EmbeddedDirectoryProperties settings;
  private final ResourceLoader resources;
  private InMemoryDirectoryServer server;

  public EmbeddedDirectoryServer(EmbeddedDirectoryProperties settings, ResourceLoader resources) {
    this.settings = settings;
    this.resources = resources;
  }

  /** Idempotent: a component that needs the directory while the context starts may start it early. */
  @Override
  public synchronized void start() {
    if (server != null) {
      return;
    }
    try {
      InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
      config.addAdditionalBindCredentials(settings.bindDn(), settings.bindPassword());
      config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
          InetAddress.getByName("127.0.0.1"), settings.port(), null));
      // The standard schema lacks the password-policy attributes (pwdAccountLockedTime, pwdReset)
      // that our inetOrgPerson entries carry; a demo server needs no schema checks.
      config.setSchema(null);
      InMemoryDirectoryServer created = new InMemoryDirectoryServer(config);
      try (InputStream ldif = resources.getResource(settings.ldif()).getInputStream()) {
        created.importFromLDIF(true, new LDIFReader(ldif));
      }
      created.startListening();
      server = created;
    } catch (Exception e) {
      throw new IllegalStateException("Embedded directory did not start on 127.0.0.1:" + settings.port(), e);
    }
    LOG.info("Embedded LDAP directory: ldap://127.0.0.1:{}, base {}, {} entries from {}",
        settings.port(), BASE_DN, server.countEntries(), settings.ldif());
  }

  @Override
  public synchronized void stop() {
    if (server != null) {
      server.shutDown(true);
      server = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return server != null;
  }

  /** Before the directory's users start and after they stop. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 200;
  }

  public InMemoryDirectoryServer server() {
    return server;
  }
}
