package org.itilengine.connectors.identity.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldif.LDIFReader;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.itilengine.connectors.identity.DirectoryOperation;
import org.itilengine.connectors.identity.DirectoryUser;
import org.itilengine.connectors.identity.IdentityProviderUnavailableException;
import org.itilengine.connectors.identity.IdentityRequestRejectedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The LDAP routes against the embedded directory, every change read back over a separate connection. */
@CamelSpringBootTest
@SpringBootTest(classes = LdapDirectoryRouteTest.TestApp.class)
class LdapDirectoryRouteTest {

  @SpringBootApplication(scanBasePackages = "org.itilengine.connectors")
  @ConfigurationPropertiesScan("org.itilengine.connectors")
  static class TestApp {
  }

  static final int PORT = freePort();
  static final String ADMIN = "cn=Directory Manager";
  static final String ADMIN_PASSWORD = "test-secret";
  static final String PEOPLE = "ou=people,dc=example,dc=org";

  @DynamicPropertySource
  static void directory(DynamicPropertyRegistry registry) {
    registry.add("itil.mail.desk-address", () -> "servicedesk@example.org");
    registry.add("itil.mail.desk-name", () -> "Service Desk");
    registry.add("itil.mail.poll-interval", () -> "1s");
    registry.add("itil.mail.parse-timeout", () -> "5s");
    registry.add("itil.notifications.endpoint", () -> "log:notifications");
    registry.add("itil.directory.embedded.enabled", () -> "true");
    registry.add("itil.directory.embedded.port", () -> PORT);
    registry.add("itil.directory.embedded.bind-password", () -> ADMIN_PASSWORD);
    registry.add("itil.directory.ldap.url", () -> "ldap://127.0.0.1:" + PORT);
    registry.add("itil.directory.ldap.bind-dn", () -> ADMIN);
    registry.add("itil.directory.ldap.bind-password", () -> ADMIN_PASSWORD);
    registry.add("itil.directory.ldap.user-base", () -> PEOPLE);
    registry.add("itil.directory.ldap.group-base", () -> "ou=groups,dc=example,dc=org");
    registry.add("itil.directory.ldap.connect-timeout", () -> "1s");
    registry.add("itil.directory.ldap.response-timeout", () -> "2s");
    registry.add("itil.directory.ldap.max-redeliveries", () -> "2");
    registry.add("itil.directory.ldap.redelivery-delay", () -> "10ms");
  }

  @Autowired LdapDirectory directory;
  @Autowired EmbeddedDirectoryServer embedded;
  @Autowired ProducerTemplate producer;

  LDAPConnection admin;

  @BeforeEach
  void freshDirectory() throws Exception {
    try (var ldif = new ClassPathResource("directory/demo-directory.ldif").getInputStream()) {
      embedded.server().importFromLDIF(true, new LDIFReader(ldif));
    }
    admin = new LDAPConnection("127.0.0.1", PORT, ADMIN, ADMIN_PASSWORD);
  }

  @AfterEach
  void closeAdmin() {
    admin.close();
  }

  @Test
  void findsAUserByMailWithManagerGroupsAndType() {
    DirectoryUser pat = directory.findByEmail("pat@example.org").orElseThrow();

    assertThat(pat).isEqualTo(new DirectoryUser("pat", "pat@example.org", "Pat Parker", "bob", "employee",
        Set.of("vpn-users"), false));
    assertThat(directory.findByEmail("quinn@example.org").orElseThrow())
        .extracting(DirectoryUser::employeeType, DirectoryUser::managerId)
        .containsExactly("contractor", "pat");
    assertThat(directory.findByEmail("rita@example.org").orElseThrow().locked()).isTrue();
    assertThat(directory.findByEmail("bob@example.org").orElseThrow().groups())
        .containsExactlyInAnyOrder("finance-app", "service-desk-l2");
  }

  @Test
  void findsTheManagerAUserNamesById() {
    assertThat(directory.findById("bob").orElseThrow()).extracting(DirectoryUser::email, DirectoryUser::displayName)
        .containsExactly("bob@example.org", "Bob Brandt");
    assertThat(directory.findById("nobody")).isEmpty();
    assertThat(directory.findById("*")).isEmpty();
  }

  @Test
  void anUnknownMailOrAFilterInjectionFindsNobody() {
    assertThat(directory.findByEmail("nobody@example.org")).isEmpty();
    assertThat(directory.findByEmail("*)(uid=*")).isEmpty();
    assertThat(directory.findByEmail("*")).isEmpty();
  }

  @Test
  void unlockClearsTheLockout() throws Exception {
    assertThat(admin.getEntry("uid=rita," + PEOPLE).hasAttribute("pwdAccountLockedTime")).isTrue();

    directory.unlock(user("rita"));

    assertThat(admin.getEntry("uid=rita," + PEOPLE).hasAttribute("pwdAccountLockedTime")).isFalse();
    assertThat(directory.findByEmail("rita@example.org").orElseThrow().locked()).isFalse();
    directory.unlock(user("rita"));
  }

  @Test
  void aTemporaryPasswordWorksAndMustBeChanged() throws Exception {
    directory.setTemporaryPassword(user("pat"), "Temp-4711!");

    try (var asPat = new LDAPConnection("127.0.0.1", PORT)) {
      assertThat(asPat.bind("uid=pat," + PEOPLE, "Temp-4711!").getResultCode()).isEqualTo(ResultCode.SUCCESS);
      assertThatThrownBy(() -> asPat.bind("uid=pat," + PEOPLE, "demo"))
          .isInstanceOfSatisfying(LDAPException.class,
              e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS));
    }
    assertThat(admin.getEntry("uid=pat," + PEOPLE).getAttributeValue("pwdReset")).isEqualTo("TRUE");
  }

  @Test
  void groupMembershipChangesAreIdempotentSoARetryAfterATimeoutSucceeds() throws Exception {
    directory.addToGroup(user("pat"), "finance-app");
    directory.addToGroup(user("pat"), "finance-app"); // the retry of an add the directory had applied
    assertThat(members("finance-app")).containsOnlyOnce("uid=pat," + PEOPLE);

    directory.removeFromGroup(user("pat"), "finance-app");
    directory.removeFromGroup(user("pat"), "finance-app");
    assertThat(members("finance-app")).doesNotContain("uid=pat," + PEOPLE).contains("uid=bob," + PEOPLE);
  }

  @Test
  void anAdministrativeLockIsNotLiftedByUnlock() throws Exception {
    admin.modify("uid=pat," + PEOPLE, new com.unboundid.ldap.sdk.Modification(
        com.unboundid.ldap.sdk.ModificationType.REPLACE, "pwdAccountLockedTime", LdapDirectoryClient.ADMINISTRATIVE_LOCK));

    assertThatThrownBy(() -> directory.unlock(user("pat")))
        .isInstanceOf(IdentityRequestRejectedException.class).hasMessageContaining("locked by an administrator");
    assertThat(admin.getEntry("uid=pat," + PEOPLE).getAttributeValue("pwdAccountLockedTime"))
        .isEqualTo(LdapDirectoryClient.ADMINISTRATIVE_LOCK);
  }

  @Test
  void anUnknownUserOrGroupIsRejected() {
    assertThatThrownBy(() -> directory.unlock(user("nobody")))
        .isInstanceOf(IdentityRequestRejectedException.class).hasMessageContaining("nobody");
    assertThatThrownBy(() -> directory.addToGroup(user("pat"), "no-such-group"))
        .isInstanceOf(IdentityRequestRejectedException.class).hasMessageContaining("no-such-group");
  }

  @Test
  void aDirectoryThatIsDownIsUnavailableAfterRedeliveriesAndUsableWhenBack() throws Exception {
    embedded.server().shutDown(true);
    try {
      assertThatThrownBy(() -> directory.findByEmail("pat@example.org"))
          .isInstanceOf(IdentityProviderUnavailableException.class)
          .hasMessageContaining("ldap")
          .hasCauseInstanceOf(LDAPException.class);
      assertThatThrownBy(directory::checkReachable).isInstanceOf(IdentityProviderUnavailableException.class);

      Exchange failed = producer.send(DirectoryOperation.UNLOCK.endpoint(LdapDirectory.ROUTE_PREFIX),
          e -> Map.of(DirectoryOperation.USER_ID, "rita").forEach(e::setProperty));
      assertThat(failed.getException()).isInstanceOf(LDAPException.class);
      assertThat(failed.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class)).isEqualTo(2);
    } finally {
      embedded.server().startListening();
    }
    assertThat(directory.findByEmail("pat@example.org")).isPresent();
    directory.checkReachable();
  }

  private static DirectoryUser user(String id) {
    return new DirectoryUser(id, id + "@example.org", null, null, null, null, false);
  }

  private String[] members(String group) throws LDAPException {
    return admin.getEntry("cn=" + group + ",ou=groups,dc=example,dc=org").getAttributeValues("member");
  }

  private static int freePort() {
    try (var socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
