package org.itilengine.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Users seeded for the tour and the tests; only configured in the demo (default) profile. */
@ConfigurationProperties("itil.demo")
public record DemoUsers(String password, List<DemoUser> users) {

  public DemoUsers {
    users = users == null ? List.of() : List.copyOf(users);
  }

  public record DemoUser(String id, String firstName, String lastName, String email, List<String> groups) {
  }
}
