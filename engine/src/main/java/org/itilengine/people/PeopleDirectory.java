package org.itilengine.people;

import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** Mail addresses of agents and groups, from Camunda's identity service (database or LDAP). */
@Component
public class PeopleDirectory {

  private final IdentityService identity;

  public PeopleDirectory(IdentityService identity) {
    this.identity = identity;
  }

  /** Whether the user can log in to the webapps (and so work a task assigned to them). */
  public boolean hasAccount(String userId) {
    return identity.createUserQuery().userId(userId).count() > 0;
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
