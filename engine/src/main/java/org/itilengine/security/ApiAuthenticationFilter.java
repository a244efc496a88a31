package org.itilengine.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic for the desk's own API (/api): the same users, passwords and lock-out as the engine
 * REST API, and the caller's groups set on the engine for the request.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {

  private final IdentityService identity;

  public ApiAuthenticationFilter(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String[] credentials = basicCredentials(request.getHeader("Authorization"));
    if (credentials == null || !identity.checkPassword(credentials[0], credentials[1])) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"itil-engine\"");
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    List<String> groups = identity.createGroupQuery().groupMember(credentials[0]).list().stream()
        .map(Group::getId).toList();
    identity.setAuthentication(credentials[0], groups);
    try {
      chain.doFilter(request, response);
    } finally {
      identity.clearAuthentication();
    }
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
