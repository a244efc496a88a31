package org.itilengine.security;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * What the desk's own code does for a signed-in caller with the engine's rights, not the caller's:
 * starts through the desk API (agents may not start the flows themselves, since a direct start
 * could begin at any activity and skip the checks before it) and the metrics' engine-wide counts.
 * The caller's authorizations are back afterwards.
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
