package org.itilengine.connectors.identity;

import java.util.Optional;

/**
 * What the service desk asks of a directory (LDAP, SCIM). Each call goes through the Camel route
 * of that system. A definite "no" from the directory (no such user, already a member, value
 * refused) is an {@link IdentityRequestRejectedException}; anything else that fails after the
 * route's redeliveries is an {@link IdentityProviderUnavailableException}.
 */
public interface IdentityProvider {

  /** The name configuration uses for this provider ({@code ldap}, {@code scim}). */
  String name();

  Optional<DirectoryUser> findByEmail(String email);

  /** The user with this id in the provider, such as the manager another user names. */
  Optional<DirectoryUser> findById(String id);

  /** Lets a locked-out (or deactivated) account log in again. */
  void unlock(DirectoryUser user);

  /** Sets a temporary password that must be changed at the next login. */
  void setTemporaryPassword(DirectoryUser user, String password);

  void addToGroup(DirectoryUser user, String group);

  void removeFromGroup(DirectoryUser user, String group);
}
