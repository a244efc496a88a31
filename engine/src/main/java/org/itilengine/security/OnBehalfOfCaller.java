package org.itilengine.security;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the desk's own code does for a signed-in caller with the engine's rights, not the caller's:
 * starts through the desk API (agents may not start the flows themselves, since a direct start
 * could begin at any activity and skip the checks before it) and the metrics' engine-wide counts.
 * The caller's authorizations are back afterwards.
 */
public final class OnBehalfOfCaller {

  private OnBehalfOfCaller() {
  }

  /**
   * The caller's user id, when they are an agent or an administrator; else 403. With directory
   * logins every employee can sign in, and filing a ticket in someone else's name is the desk's job.
   */
  public static String requireAgentOrAdmin(IdentityService identity, String refusal) {
    Authentication caller = identity.getCurrentAuthentication();
    if (caller == null || !ItilGroup.includesAgentOrAdmin(caller.getGroupIds())) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, refusal);
    }
    return caller.getUserId();
  }

  public static <T> T run(IdentityService identity, Supplier<T> start) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return start.get();
    } finally {
      identity.setAuthentication(caller);
    }
  }
}
