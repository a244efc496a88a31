package org.itilengine.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.web.filter.OncePerRequestFilter;

/** Finds who makes a request and sets them, with their groups, on the engine for that request. */
abstract class EngineCallerFilter extends OncePerRequestFilter {

  /** A logged-in user and the groups their authorizations come from. */
  record Caller(String userId, List<String> groups) {
  }

  protected final IdentityService identity;

  EngineCallerFilter(IdentityService identity) {
    this.identity = identity;
  }

  /** The user with the groups the identity service names now. */
  protected Caller callerWithGroups(String userId) {
    return new Caller(userId, identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList());
  }

  /** The caller, or null once the request has been answered with a refusal. */
  protected abstract Caller caller(HttpServletRequest request, HttpServletResponse response) throws IOException;

  @Override
  protected final void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Caller caller = caller(request, response);
    if (caller == null) {
      return;
    }
    identity.setAuthentication(caller.userId(), caller.groups());
    try {
      chain.doFilter(request, response);
    } finally {
      identity.clearAuthentication();
    }
  }
}
