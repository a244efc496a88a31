package org.itilengine.connectors.identity;

import java.util.Set;

/**
 * A person as the identity provider knows them. {@code id} is the provider's own id (LDAP uid,
 * SCIM resource id); {@code managerId} is the manager's id in the same provider, or null.
 */
public record DirectoryUser(String id, String email, String displayName, String managerId, String employeeType,
    Set<String> groups, boolean locked) {

  public DirectoryUser {
    groups = groups == null ? Set.of() : Set.copyOf(groups);
  }
}
