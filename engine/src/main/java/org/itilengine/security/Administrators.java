package org.itilengine.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The desk's administration endpoints are for Camunda administrators only. */
public final class Administrators {

  private Administrators() {
  }

  /** 403 unless the logged-in caller is a Camunda administrator; {@code what} completes "Only ... may ". */
  public static void require(IdentityService identity, String what) {
    Authentication caller = identity.getCurrentAuthentication();
    if (caller == null || caller.getGroupIds() == null || !caller.getGroupIds().contains(ItilGroup.CAMUNDA_ADMIN.id())) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only Camunda administrators " + what);
    }
  }
}
