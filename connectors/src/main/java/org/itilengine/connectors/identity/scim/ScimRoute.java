package org.itilengine.connectors.identity.scim;

import static org.itilengine.connectors.identity.DirectoryOperation.ADD_TO_GROUP;
import static org.itilengine.connectors.identity.DirectoryOperation.FIND_BY_ID;
import static org.itilengine.connectors.identity.DirectoryOperation.FIND_BY_MAIL;
import static org.itilengine.connectors.identity.DirectoryOperation.REMOVE_FROM_GROUP;
import static org.itilengine.connectors.identity.DirectoryOperation.SET_TEMPORARY_PASSWORD;
import static org.itilengine.connectors.identity.DirectoryOperation.UNLOCK;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.model.RouteDefinition;
import org.itilengine.connectors.identity.DirectoryRouteBuilder;
import org.itilengine.connectors.identity.IdentityRequestRejectedException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The SCIM provider's routes ({@code direct:scim-directory-...}). camel-http throws on every
 * non-2xx status, so a redelivery sends the same request again; {@link ScimErrors} decides
 * which statuses are final.
 */
@Component
@ConditionalOnProperty("itil.directory.scim.base-url")
public class ScimRoute extends DirectoryRouteBuilder {

  private static final String SOUGHT_EMAIL = "itilScimSoughtEmail";

  private static final String SCIM_JSON = "application/scim+json";
  private static final String GROUP_ID = "itilScimGroupId";

  private final ScimProperties settings;

  public ScimRoute(ScimProperties settings) {
    super(ScimDirectory.ROUTE_PREFIX);
    this.settings = settings;
  }

  @Override
  public void configure() {
    redeliver(settings.maxRedeliveries(), settings.redeliveryDelay());
    onException(HttpOperationFailedException.class)
        .onWhen(ScimErrors::isRefusal)
        .maximumRedeliveries(0)
        .logExhausted(false);
    onException(HttpOperationFailedException.class)
        .onWhen(ScimErrors::isCredentialsRefused)
        .maximumRedeliveries(0);

    operation(FIND_BY_MAIL)
        .setProperty(SOUGHT_EMAIL, body())
        .process(e -> request(e, "GET", "/Users", ScimFilter.query("emails.value", body(e))))
        .to(provider())
        .process(e -> {
          // Only a user who really has the address counts, and only one: a provider that ignored
          // the filter must not hand us somebody else's account.
          var user = ScimJson.onlyUserWithEmail(body(e), e.getProperty(SOUGHT_EMAIL, String.class));
          e.getMessage().setBody(user == null ? null : ScimJson.user(user));
        });
    // A 404 (no such user) is a refusal, as for every request about one user.
    operation(FIND_BY_ID)
        .process(e -> request(e, "GET", userPath(e), null))
        .to(provider())
        .process(e -> e.getMessage().setBody(ScimJson.user(body(e))));
    operation(UNLOCK)
        .process(e -> patch(e, userPath(e), ScimJson.patch("replace", "active", true)))
        .to(provider());
    // RFC 7643 has no "must change" flag; providers that support one apply their own policy.
    operation(SET_TEMPORARY_PASSWORD)
        .process(e -> patch(e, userPath(e), ScimJson.patch("replace", "password", body(e))))
        .to(provider());
    withGroupId(operation(ADD_TO_GROUP))
        .process(e -> patch(e, groupPath(e), ScimJson.addMember(userId(e))))
        .to(provider());
    withGroupId(operation(REMOVE_FROM_GROUP))
        .process(e -> patch(e, groupPath(e), ScimJson.removeMember(userId(e))))
        .to(provider());
  }

  /**
   * Looks the group up by displayName and keeps its id; no group of exactly that name, or several,
   * is a refusal (as an unknown LDAP group is).
   */
  private RouteDefinition withGroupId(RouteDefinition route) {
    return route
        .process(e -> request(e, "GET", "/Groups",
            ScimFilter.query("displayName", group(e)) + "&excludedAttributes=members"))
        .to(provider())
        .process(e -> {
          var group = ScimJson.onlyGroupNamed(body(e), group(e));
          if (group == null) {
            throw new IdentityRequestRejectedException("No SCIM group named " + group(e));
          }
          e.setProperty(GROUP_ID, group.path("id").textValue());
        });
  }

  private String provider() {
    long connect = settings.connectTimeout().toMillis();
    return settings.baseUrl() + "?connectTimeout=" + connect + "&connectionRequestTimeout=" + connect
        + "&responseTimeout=" + settings.responseTimeout().toMillis();
  }

  private void patch(Exchange exchange, String path, String patchOp) {
    request(exchange, "PATCH", path, null);
    exchange.getMessage().setBody(patchOp);
  }

  /** Every request starts from clean headers, so nothing of a previous response is sent on. */
  private void request(Exchange exchange, String method, String path, String query) {
    Message message = exchange.getMessage();
    message.removeHeaders("*");
    message.setBody(null);
    message.setHeader(Exchange.HTTP_METHOD, method);
    message.setHeader(Exchange.HTTP_PATH, path);
    if (query != null) {
      message.setHeader(Exchange.HTTP_QUERY, query);
    }
    message.setHeader("Authorization", "Bearer " + settings.token());
    message.setHeader("Accept", SCIM_JSON);
    message.setHeader(Exchange.CONTENT_TYPE, SCIM_JSON);
  }

  private static String userPath(Exchange exchange) {
    return "/Users/" + ScimFilter.encode(userId(exchange));
  }

  private static String groupPath(Exchange exchange) {
    return "/Groups/" + ScimFilter.encode(exchange.getProperty(GROUP_ID, String.class));
  }

  private static String body(Exchange exchange) {
    return exchange.getMessage().getBody(String.class);
  }
}
