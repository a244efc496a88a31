package org.itilengine.connectors.identity.ldap;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The LDAP directory and the attributes that hold what the desk needs. Bound only when
 * {@code itil.directory.ldap.url} is set, so an installation without LDAP needs none of it.
 */
@Validated
@ConfigurationProperties("itil.directory.ldap")
@ConditionalOnProperty("itil.directory.ldap.url")
public record LdapDirectoryProperties(
    @NotBlank String url,
    @NotBlank String bindDn,
    @NotBlank String bindPassword,
    @NotBlank String userBase,
    @NotBlank String groupBase,
    String idAttribute,
    String mailAttribute,
    String displayNameAttribute,
    /** Holds the manager's DN. */
    String managerAttribute,
    String employeeTypeAttribute,
    /** Present while the account is locked (OpenLDAP ppolicy). */
    String lockoutAttribute,
    String passwordAttribute,
    /** Set to TRUE with a temporary password, so it must be changed at the next login. */
    String passwordResetAttribute,
    String groupObjectClass,
    String groupNameAttribute,
    /** Holds member DNs. */
    String memberAttribute,
    Duration connectTimeout,
    Duration responseTimeout,
    Integer maxRedeliveries,
    Duration redeliveryDelay,
    Integer poolSize,
    /** With an {@code ldap://} URL: upgrade every connection with StartTLS before the bind. */
    boolean startTls,
    /** Certificates to trust for ldaps and StartTLS (a private CA, say); unset: the JVM's. */
    String trustStore,
    String trustStorePassword) {

  public LdapDirectoryProperties {
    idAttribute = orDefault(idAttribute, "uid");
    mailAttribute = orDefault(mailAttribute, "mail");
    displayNameAttribute = orDefault(displayNameAttribute, "cn");
    managerAttribute = orDefault(managerAttribute, "manager");
    employeeTypeAttribute = orDefault(employeeTypeAttribute, "employeeType");
    lockoutAttribute = orDefault(lockoutAttribute, "pwdAccountLockedTime");
    passwordAttribute = orDefault(passwordAttribute, "userPassword");
    passwordResetAttribute = orDefault(passwordResetAttribute, "pwdReset");
    groupObjectClass = orDefault(groupObjectClass, "groupOfNames");
    groupNameAttribute = orDefault(groupNameAttribute, "cn");
    memberAttribute = orDefault(memberAttribute, "member");
    connectTimeout = orDefault(connectTimeout, Duration.ofSeconds(5));
    responseTimeout = orDefault(responseTimeout, Duration.ofSeconds(10));
    maxRedeliveries = orDefault(maxRedeliveries, 3);
    redeliveryDelay = orDefault(redeliveryDelay, Duration.ofMillis(500));
    poolSize = orDefault(poolSize, 4);
  }

  private static <T> T orDefault(T value, T fallback) {
    return value == null ? fallback : value;
  }

  /** Without the bind password, so logging these settings leaks nothing. */
  @Override
  public String toString() {
    return "LdapDirectoryProperties[url=" + url + ", bindDn=" + bindDn + ", userBase=" + userBase
        + ", groupBase=" + groupBase + "]";
  }
}
