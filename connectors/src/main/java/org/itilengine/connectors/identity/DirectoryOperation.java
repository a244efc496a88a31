package org.itilengine.connectors.identity;

/**
 * The requests every directory route answers. Endpoints and route ids follow one scheme, so a
 * provider and its route agree on them by construction.
 */
public enum DirectoryOperation {
  FIND_BY_MAIL("find-by-mail"),
  FIND_BY_ID("find-by-id"),
  UNLOCK("unlock"),
  SET_TEMPORARY_PASSWORD("set-temporary-password"),
  ADD_TO_GROUP("add-to-group"),
  REMOVE_FROM_GROUP("remove-from-group");

  /** Exchange properties, not headers: protocols such as HTTP would send headers on to the server. */
  public static final String USER_ID = "itilDirectoryUserId";
  public static final String GROUP = "itilDirectoryGroup";

  private final String id;

  DirectoryOperation(String id) {
    this.id = id;
  }

  /** Route id, e.g. {@code ldap-directory-unlock} for the prefix {@code ldap-directory}. */
  public String routeId(String prefix) {
    return prefix + "-" + id;
  }

  public String endpoint(String prefix) {
    return "direct:" + routeId(prefix);
  }
}
