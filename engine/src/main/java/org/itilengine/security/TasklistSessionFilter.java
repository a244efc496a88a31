package org.itilengine.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * The desk's read-only pages (/desk) for agents logged in to Tasklist: the webapps' session names
 * the user; their groups are read afresh for every request, as for the desk API, so a user taken
 * out of a group (or deleted) loses access at once. Only GET and HEAD are served, so another site
 * cannot make a logged-in browser change anything through them.
 */
public class TasklistSessionFilter extends EngineCallerFilter {

  private final String engineName;

  public TasklistSessionFilter(IdentityService identity, String engineName) {
    super(identity);
    this.engineName = engineName;
  }

  @Override
  protected Caller caller(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
      response.setHeader("Allow", "GET, HEAD");
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return null;
    }
    HttpSession session = request.getSession(false);
    String userId = session != null
        && AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(engineName)
            instanceof UserAuthentication user ? user.getIdentityId() : null;
    if (userId == null || identity.createUserQuery().userId(userId).count() == 0) {
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Log in to Tasklist first");
      return null;
    }
    return callerWithGroups(userId);
  }
}
