package org.itilengine.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.IdentityService;

/**
 * HTTP Basic for the desk's own API (/api): the same users, passwords and lock-out as the engine
 * REST API, and the caller's groups set on the engine for the request.
 */
public class ApiAuthenticationFilter extends EngineCallerFilter {

  public ApiAuthenticationFilter(IdentityService identity) {
    super(identity);
  }

  @Override
  protected Caller caller(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String[] credentials = basicCredentials(request.getHeader("Authorization"));
    if (credentials == null || !identity.checkPassword(credentials[0], credentials[1])) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"itil-engine\"");
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return null;
    }
    return callerWithGroups(credentials[0]);
  }

  private static String[] basicCredentials(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 1 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
