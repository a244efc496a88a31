package org.itilengine.connectors.mail;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Access tokens for an XOAUTH2 mailbox from a token endpoint (WireMock stands in for Entra ID / Google). */
class OAuth2AccessTokensTest {

  static final WireMockServer PROVIDER = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

  Instant now = Instant.parse("2026-12-03T09:00:00Z");
  final Clock clock = new Clock() {
    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  };

  @BeforeAll
  static void start() {
    PROVIDER.start();
  }

  @AfterAll
  static void stop() {
    PROVIDER.stop();
  }

  @BeforeEach
  void reset() {
    PROVIDER.resetAll();
  }

  @Test
  void aRefreshTokenIsTradedForAnAccessTokenThatIsKeptUntilShortlyBeforeItExpires() {
    answer("{\"access_token\":\"token-1\",\"expires_in\":3600,\"token_type\":\"Bearer\",\"refresh_token\":\"rotated\"}");
    OAuth2AccessTokens tokens = new OAuth2AccessTokens(client("refresh-1"), clock);

    assertThat(tokens.current()).isEqualTo("token-1");
    now = now.plus(Duration.ofMinutes(58));
    assertThat(tokens.current()).isEqualTo("token-1");
    PROVIDER.verify(1, postRequestedFor(urlEqualTo("/oauth2/v2.0/token")));
    PROVIDER.verify(postRequestedFor(urlEqualTo("/oauth2/v2.0/token"))
        .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
        .withRequestBody(containing("grant_type=refresh_token"))
        .withRequestBody(containing("refresh_token=refresh-1"))
        .withRequestBody(containing("client_id=desk-app"))
        .withRequestBody(containing("scope=https%3A%2F%2Foutlook.office365.com%2FIMAP.AccessAsUser.All")));

    answer("{\"access_token\":\"token-2\",\"expires_in\":3600}");
    now = now.plus(Duration.ofMinutes(1)); // within the margin of the first token's end
    assertThat(tokens.current()).isEqualTo("token-2");
    PROVIDER.verify(postRequestedFor(urlEqualTo("/oauth2/v2.0/token")).withRequestBody(containing("refresh_token=rotated")));
  }

  @Test
  void withoutARefreshTokenTheClientsOwnCredentialsAreUsed() {
    answer("{\"access_token\":\"app-token\",\"expires_in\":3599}");

    assertThat(new OAuth2AccessTokens(client(null), clock).current()).isEqualTo("app-token");

    PROVIDER.verify(postRequestedFor(urlEqualTo("/oauth2/v2.0/token"))
        .withRequestBody(containing("grant_type=client_credentials"))
        .withRequestBody(containing("client_secret=s3cret")));
  }

  @Test
  void aRefusalNamesTheProvidersErrorButNoSecret() {
    PROVIDER.stubFor(post("/oauth2/v2.0/token").willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS70000: token expired\"}")));

    assertThatThrownBy(() -> new OAuth2AccessTokens(client("refresh-1"), clock).current())
        .hasMessageContaining("HTTP 400").hasMessageContaining("invalid_grant").hasMessageContaining("AADSTS70000")
        .message().doesNotContain("refresh-1").doesNotContain("s3cret");
  }

  static MailProperties.OAuth2Client client(String refreshToken) {
    return new MailProperties.OAuth2Client(PROVIDER.baseUrl() + "/oauth2/v2.0/token", "desk-app", "s3cret", refreshToken,
        "https://outlook.office365.com/IMAP.AccessAsUser.All");
  }

  static void answer(String json) {
    PROVIDER.stubFor(post("/oauth2/v2.0/token").willReturn(WireMock.okJson(json)));
  }
}
