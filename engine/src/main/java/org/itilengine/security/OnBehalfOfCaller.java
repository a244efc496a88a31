package org.itilengine.security;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Starts that the desk's own API makes for a signed-in agent: agents may not start the flows
 * themselves (a direct start could begin at any activity and skip the checks before it), so the
 * engine runs the start without the caller's authorizations, then the caller's are back.
 */
public final class OnBehalfOfCaller {

  private OnBehalfOfCaller() {
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
