package org.itilengine.connectors.identity;

import static org.itilengine.connectors.identity.DirectoryOperation.ADD_TO_GROUP;
import static org.itilengine.connectors.identity.DirectoryOperation.FIND_BY_ID;
import static org.itilengine.connectors.identity.DirectoryOperation.FIND_BY_MAIL;
import static org.itilengine.connectors.identity.DirectoryOperation.REMOVE_FROM_GROUP;
import static org.itilengine.connectors.identity.DirectoryOperation.SET_TEMPORARY_PASSWORD;
import static org.itilengine.connectors.identity.DirectoryOperation.UNLOCK;

import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * An {@link IdentityProvider} whose every call is a synchronous request to the provider's
 * {@link DirectoryRouteBuilder} routes. A failed exchange becomes an
 * {@link IdentityRequestRejectedException} when the directory said no, else an
 * {@link IdentityProviderUnavailableException}, so the calling job retries or raises an incident.
 */
public abstract class RoutedIdentityProvider implements IdentityProvider {

  private final ProducerTemplate producer;
  private final String routePrefix;

  protected RoutedIdentityProvider(ProducerTemplate producer, String routePrefix) {
    this.producer = producer;
    this.routePrefix = routePrefix;
  }

  @Override
  public Optional<DirectoryUser> findByEmail(String email) {
    Exchange answer = request(FIND_BY_MAIL, "find the user with mail " + email, email, Map.of());
    return Optional.ofNullable(answer.getMessage().getBody(DirectoryUser.class));
  }

  @Override
  public Optional<DirectoryUser> findById(String id) {
    Exchange answer = request(FIND_BY_ID, "find the user " + id, null, Map.of(DirectoryOperation.USER_ID, id));
    return Optional.ofNullable(answer.getMessage().getBody(DirectoryUser.class));
  }

  @Override
  public void unlock(DirectoryUser user) {
    request(UNLOCK, "unlock " + user.id(), null, Map.of(DirectoryOperation.USER_ID, user.id()));
  }

  @Override
  public void setTemporaryPassword(DirectoryUser user, String password) {
    request(SET_TEMPORARY_PASSWORD, "set a temporary password for " + user.id(), password,
        Map.of(DirectoryOperation.USER_ID, user.id()));
  }

  @Override
  public void addToGroup(DirectoryUser user, String group) {
    request(ADD_TO_GROUP, "add " + user.id() + " to group " + group, null,
        Map.of(DirectoryOperation.USER_ID, user.id(), DirectoryOperation.GROUP, group));
  }

  @Override
  public void removeFromGroup(DirectoryUser user, String group) {
    request(REMOVE_FROM_GROUP, "remove " + user.id() + " from group " + group, null,
        Map.of(DirectoryOperation.USER_ID, user.id(), DirectoryOperation.GROUP, group));
  }

  /**
   * A definite "no" that only this provider can recognise in a failure of the operation (an HTTP
   * status, say). {@code what} is what was asked, e.g. "add pat to group vpn-users".
   */
  protected Optional<IdentityRequestRejectedException> refusal(DirectoryOperation operation, String what,
      Exception failure) {
    return Optional.empty();
  }

  private Exchange request(DirectoryOperation operation, String what, Object body, Map<String, Object> properties) {
    Exchange answer = producer.send(operation.endpoint(routePrefix), exchange -> {
      exchange.getIn().setBody(body);
      properties.forEach(exchange::setProperty);
    });
    Exception failure = answer.getException();
    if (failure == null) {
      return answer;
    }
    IdentityRequestRejectedException rejected = answer.getException(IdentityRequestRejectedException.class);
    if (rejected != null) {
      throw rejected;
    }
    Optional<IdentityRequestRejectedException> refused = refusal(operation, what, failure);
    if (refused.isPresent()) {
      throw refused.get();
    }
    throw new IdentityProviderUnavailableException(
        "Directory '" + name() + "' could not " + what + ": " + failure.getMessage(), failure);
  }
}
