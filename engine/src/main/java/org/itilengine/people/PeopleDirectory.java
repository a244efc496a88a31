package org.itilengine.people;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** Mail addresses of agents and groups, from Camunda's identity service (database or LDAP). */
@Component
public class PeopleDirectory {

  private final IdentityService identity;
  private final AuthorizationService authorizations;

  public PeopleDirectory(IdentityService identity, AuthorizationService authorizations) {
    this.identity = identity;
    this.authorizations = authorizations;
  }

  /**
   * Whether the user may open Tasklist (and so work a task assigned to them), as the webapps decide
   * it: with the {@code ldap} profile every directory user can log in, but only the desk's groups
   * and administrators are let into Tasklist.
   */
  public boolean canOpenTasklist(String userId) {
    if (identity.createUserQuery().userId(userId).count() == 0) {
      return false;
    }
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    return authorizations.isUserAuthorized(userId, groups, Permissions.ACCESS, Resources.APPLICATION, "tasklist");
  }

  /**
   * The desk account with this mail address (as written or in lower case, the way the desk keeps
   * requesters' addresses); none when no account or several have it.
   */
  public Optional<String> userWithEmail(String email) {
    if (email == null) {
      return Optional.empty();
    }
    List<String> users = Stream.of(email, email.toLowerCase(Locale.ROOT)).distinct()
        .flatMap(address -> identity.createUserQuery().userEmail(address).list().stream())
        .map(User::getId).distinct().toList();
    return users.size() == 1 ? Optional.of(users.get(0)) : Optional.empty();
  }

  /** Whether the desk account has this mail address, in any case: whether it is that person's. */
  public boolean hasEmail(String userId, String email) {
    return email != null && emailsOfUser(userId).stream().anyMatch(email::equalsIgnoreCase);
  }

  public List<String> emailsOfUser(String userId) {
    User user = identity.createUserQuery().userId(userId).singleResult();
    return user == null || user.getEmail() == null ? List.of() : List.of(user.getEmail());
  }

  /** "Alice Ahlberg", or the user id when the directory has no name. */
  public String displayName(String userId) {
    User user = identity.createUserQuery().userId(userId).singleResult();
    if (user == null || user.getFirstName() == null) {
      return userId;
    }
    return user.getLastName() == null ? user.getFirstName() : user.getFirstName() + " " + user.getLastName();
  }

  public List<String> emailsOfGroup(String groupId) {
    return identity.createUserQuery().memberOfGroup(groupId).list().stream()
        .map(User::getEmail)
        .filter(Objects::nonNull)
        .toList();
  }
}
