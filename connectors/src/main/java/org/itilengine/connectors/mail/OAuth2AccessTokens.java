package org.itilengine.connectors.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access tokens for an XOAUTH2 mailbox, from the provider's token endpoint (RFC 6749): with a
 * refresh token (Gmail, Microsoft 365 delegated) or the client's own credentials (Microsoft 365
 * app-only). Tokens live about an hour, so a fixed one would lock the desk out of its mailbox
 * after the first reconnect; this one is asked for a fresh token shortly before the old expires.
 */
final class OAuth2AccessTokens {

  private static final Logger LOG = LoggerFactory.getLogger(OAuth2AccessTokens.class);
  /** Renewed this long before it expires, so no login uses a token that dies on the way. */
  static final Duration MARGIN = Duration.ofMinutes(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MailProperties.OAuth2Client client;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private String refreshToken;
  private String accessToken;
  private Instant renewAt = Instant.MIN;

  OAuth2AccessTokens(MailProperties.OAuth2Client client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.refreshToken = client.refreshToken();
  }

  /** A token valid for at least {@link #MARGIN}; asks the endpoint only when the last one is due. */
  synchronized String current() {
    if (accessToken == null || !clock.instant().isBefore(renewAt)) {
      fetch();
    }
    return accessToken;
  }

  /** The server refused the token (revoked early): the next login asks the endpoint again. */
  synchronized void forget() {
    accessToken = null;
  }

  private void fetch() {
    Map<String, String> form = new LinkedHashMap<>();
    if (refreshToken != null && !refreshToken.isBlank()) {
      form.put("grant_type", "refresh_token");
      form.put("refresh_token", refreshToken);
    } else {
      form.put("grant_type", "client_credentials");
    }
    form.put("client_id", client.clientId());
    if (client.clientSecret() != null && !client.clientSecret().isBlank()) {
      form.put("client_secret", client.clientSecret());
    }
    if (client.scope() != null && !client.scope().isBlank()) {
      form.put("scope", client.scope());
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(client.tokenUri()))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"))))
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("OAuth2 token endpoint " + client.tokenUri() + " unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking " + client.tokenUri() + " for a token", e);
    }
    JsonNode body = parse(response.body());
    if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
      // The provider's error code and description only: the request carried secrets, the answer none.
      throw new IllegalStateException("OAuth2 token endpoint " + client.tokenUri() + " refused (HTTP "
          + response.statusCode() + "): " + body.path("error").asText("no error code") + " "
          + body.path("error_description").asText(""));
    }
    accessToken = body.get("access_token").asText();
    long lifetime = body.path("expires_in").asLong(3600);
    renewAt = clock.instant().plusSeconds(lifetime).minus(MARGIN);
    if (body.hasNonNull("refresh_token")) {
      refreshToken = body.get("refresh_token").asText(); // providers may rotate it
    }
    LOG.info("New OAuth2 access token for {} from {}, valid {} s", client.clientId(), client.tokenUri(), lifetime);
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
