package org.itilengine.connectors.identity.ldap;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The in-memory LDAP server for the demo and the tour; bound only when it is enabled. */
@Validated
@ConfigurationProperties("itil.directory.embedded")
@ConditionalOnProperty("itil.directory.embedded.enabled")
public record EmbeddedDirectoryProperties(boolean enabled, Integer port, String bindDn, @NotBlank String bindPassword,
    String ldif) {

  public EmbeddedDirectoryProperties {
    port = port == null ? 3389 : port;
    bindDn = bindDn == null ? "cn=Directory Manager" : bindDn;
    ldif = ldif == null ? "classpath:directory/demo-directory.ldif" : ldif;
  }

  /** Without the bind password, so logging these settings leaks nothing. */
  @Override
  public String toString() {
    return "EmbeddedDirectoryProperties[port=" + port + ", bindDn=" + bindDn + ", ldif=" + ldif + "]";
  }
}
