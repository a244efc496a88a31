package org.itilengine.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The desk's read-only pages (/desk) for agents logged in to Tasklist: the webapps' session names
 * the user and their groups, which are set on the engine for the request. Only GET is served, so
 * another site cannot make a logged-in browser change anything through them.
 */
public class TasklistSessionFilter extends OncePerRequestFilter {

  private final IdentityService identity;

  public TasklistSessionFilter(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!"GET".equals(request.getMethod())) {
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    HttpSession session = request.getSession(false);
    Authentications logins = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    if (logins == null || !(logins.getAuthenticationForProcessEngine("default") instanceof UserAuthentication user)) {
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Log in to Tasklist first");
      return;
    }
    identity.setAuthentication(user.getIdentityId(), user.getGroupIds());
    try {
      chain.doFilter(request, response);
    } finally {
      identity.clearAuthentication();
    }
  }
}
