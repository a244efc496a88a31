package org.itilengine.connectors.identity.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.itilengine.connectors.identity.DirectoryUser;
import org.itilengine.connectors.identity.IdentityRequestRejectedException;

/** The SCIM messages the desk sends and reads (RFC 7643 resources, RFC 7644 PatchOp and ListResponse). */
final class ScimJson {

  static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ScimJson() {
  }

  /** A PatchOp with one operation; {@code value} may be null (remove). */
  static String patch(String op, String path, Object value) {
    ObjectNode operation = JSON.createObjectNode().put("op", op).put("path", path);
    if (value != null) {
      operation.set("value", JSON.valueToTree(value));
    }
    ObjectNode patch = JSON.createObjectNode();
    patch.putArray("schemas").add(PATCH_OP);
    patch.putArray("Operations").add(operation);
    return write(patch);
  }

  static String addMember(String userId) {
    return patch("add", "members", List.of(Map.of("value", userId)));
  }

  static String removeMember(String userId) {
    return patch("remove", "members[value eq " + ScimFilter.quoted(userId) + "]", null);
  }

  /** The one user of a ListResponse with this address; null when none has it, refused when several do. */
  static JsonNode onlyUserWithEmail(String listResponse, String email) {
    return onlyMatching(listResponse, user -> hasEmail(user, email), "users have the mail " + email);
  }

  /**
   * The one group of a ListResponse with exactly this displayName; null when none has it, refused
   * when several do. A provider may match the filter loosely or ignore it.
   */
  static JsonNode onlyGroupNamed(String listResponse, String name) {
    return onlyMatching(listResponse, group -> name.equals(group.path("displayName").textValue()),
        "groups are named " + name);
  }

  /** Several matches leave us no way to tell which one is meant: a refusal, not a guess. */
  private static JsonNode onlyMatching(String listResponse, Predicate<JsonNode> matches, String several) {
    List<JsonNode> matching = new ArrayList<>();
    read(listResponse).path("Resources").forEach(resource -> {
      if (matches.test(resource)) {
        matching.add(resource);
      }
    });
    if (matching.size() > 1) {
      throw new IdentityRequestRejectedException(matching.size() + " SCIM " + several);
    }
    return matching.isEmpty() ? null : matching.get(0);
  }

  private static boolean hasEmail(JsonNode user, String email) {
    for (JsonNode address : user.path("emails")) {
      if (email.equalsIgnoreCase(address.path("value").textValue())) {
        return true;
      }
    }
    return false;
  }

  /** A User resource as GET /Users/{id} answers it. */
  static DirectoryUser user(String resource) {
    return user(read(resource));
  }

  static DirectoryUser user(JsonNode user) {
    Set<String> groups = new HashSet<>();
    user.path("groups").forEach(group -> groups.add(group.path("display").textValue()));
    groups.remove(null);
    return new DirectoryUser(
        user.path("id").textValue(),
        email(user.path("emails")),
        firstText(user.path("displayName"), user.path("name").path("formatted"), user.path("userName")),
        user.path(ENTERPRISE_USER).path("manager").path("value").textValue(),
        user.path("userType").textValue(),
        groups,
        // A user without "active" is taken as active: the attribute is optional.
        !user.path("active").asBoolean(true));
  }

  /** The {@code detail} of a SCIM Error body, or null when the body is no such thing. */
  static String errorDetail(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(body).path("detail").textValue();
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String email(JsonNode emails) {
    for (JsonNode email : emails) {
      if (email.path("primary").asBoolean(false)) {
        return email.path("value").textValue();
      }
    }
    return emails.path(0).path("value").textValue();
  }

  private static String firstText(JsonNode... candidates) {
    for (JsonNode candidate : candidates) {
      if (candidate.isTextual() && !candidate.textValue().isBlank()) {
        return candidate.textValue();
      }
    }
    return null;
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("SCIM provider sent no JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
