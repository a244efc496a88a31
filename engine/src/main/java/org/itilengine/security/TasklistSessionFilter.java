package org.itilengine.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * The desk's read-only pages (/desk) for agents logged in to Tasklist: the webapps' session names
 * the user and their groups, which are set on the engine for the request. Only GET is served, so
 * another site cannot make a logged-in browser change anything through them.
 */
public class TasklistSessionFilter extends EngineCallerFilter {

  public TasklistSessionFilter(IdentityService identity) {
    super(identity);
  }

  @Override
  protected Caller caller(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!"GET".equals(request.getMethod())) {
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return null;
    }
    HttpSession session = request.getSession(false);
    Authentications logins = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    if (logins == null || !(logins.getAuthenticationForProcessEngine("default") instanceof UserAuthentication user)) {
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Log in to Tasklist first");
      return null;
    }
    return new Caller(user.getIdentityId(), user.getGroupIds());
  }
}
