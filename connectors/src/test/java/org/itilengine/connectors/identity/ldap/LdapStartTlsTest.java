package org.itilengine.connectors.identity.ldap;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.SelfSignedCertificateGenerator;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.util.ObjectPair;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import java.io.File;
import java.net.InetAddress;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * StartTLS on an {@code ldap://} URL against real UnboundID servers: the bind happens only over
 * TLS, with a certificate from the configured trust store; a server that cannot do StartTLS, or
 * presents a certificate nobody trusts, gets no bind at all.
 */
class LdapStartTlsTest {

  private static final String ADMIN = "cn=Directory Manager";
  private static final String ADMIN_PASSWORD = "start-tls-secret";

  private static ObjectPair<File, char[]> keyStore;
  private InMemoryDirectoryServer server;

  @BeforeAll
  static void certificate() throws Exception {
    keyStore = SelfSignedCertificateGenerator.generateTemporarySelfSignedCertificate("ldap-start-tls-test", "PKCS12");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.shutDown(true);
    }
  }

  @Test
  void theBindGoesOverStartTlsWithTheConfiguredTrustStore() throws Exception {
    startServer(true);
    try (LdapDirectoryClient client = new LdapDirectoryClient(settings(true, keyStore.getFirst().getPath()))) {
      client.checkReachable();
    }
  }

  @Test
  void aCertificateOutsideTheTrustStoreGetsNoBind() throws Exception {
    startServer(true);
    try (LdapDirectoryClient client = new LdapDirectoryClient(settings(true, null))) { // the JVM's CAs only
      assertThatThrownBy(client::checkReachable).isInstanceOf(LDAPException.class)
          .hasMessageContaining("cannot be trusted");
    }
  }

  @Test
  void aServerWithoutStartTlsGetsNoBindInClear() throws Exception {
    startServer(false);
    try (LdapDirectoryClient client = new LdapDirectoryClient(settings(true, keyStore.getFirst().getPath()))) {
      assertThatThrownBy(client::checkReachable).isInstanceOf(LDAPException.class)
          .hasMessageContaining("1.3.6.1.4.1.1466.20037"); // the StartTLS request
    }
    try (LdapDirectoryClient plain = new LdapDirectoryClient(settings(false, null))) {
      plain.checkReachable(); // the same server answers a client that does not ask for TLS
    }
  }

  private void startServer(boolean offersStartTls) throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=org");
    config.addAdditionalBindCredentials(ADMIN, ADMIN_PASSWORD);
    SSLSocketFactory startTls = offersStartTls
        ? new SSLUtil(new KeyStoreKeyManager(keyStore.getFirst(), keyStore.getSecond(), "PKCS12", null), null)
            .createSSLSocketFactory()
        : null;
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getByName("127.0.0.1"), 0,
        startTls));
    server = new InMemoryDirectoryServer(config);
    server.add("dn: dc=example,dc=org", "objectClass: top", "objectClass: domain", "dc: example");
    server.startListening();
  }

  private LdapDirectoryProperties settings(boolean startTls, String trustStore) {
    return new LdapDirectoryProperties("ldap://127.0.0.1:" + server.getListenPort(), ADMIN, ADMIN_PASSWORD,
        "dc=example,dc=org", "dc=example,dc=org", null, null, null, null, null, null, null, null, null, null, null,
        java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(2), 0, null, 1, startTls, trustStore,
        trustStore == null ? null : new String(keyStore.getSecond()));
  }
}
