package org.itilengine.connectors.mail;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Mail servers the desk talks to, and the limits that keep one bad mail from hurting the rest. */
@Validated
@ConfigurationProperties("itil.mail")
public record MailProperties(
    @NotBlank String deskAddress,
    @NotBlank String deskName,
    @NotNull Duration pollInterval,
    boolean idle,
    @NotNull Duration parseTimeout,
    long maxMessageBytes,
    long maxAttachmentBytes,
    long maxAttachmentsPerMailBytes,
    int maxAttempts,
    List<@Valid Mailbox> mailboxes,
    Embedded embedded) {

  public MailProperties {
    mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
    embedded = embedded == null ? new Embedded(false, 3143, 3025, null) : embedded;
  }

  /**
   * An IMAP mailbox that feeds the desk. With {@code oauth2} it logs in with XOAUTH2: with an
   * access token from {@code oauth2Client} when that is set, else with {@code password} as a
   * fixed access token.
   */
  public record Mailbox(@NotBlank String name, @NotBlank String host, int port, boolean ssl,
      @NotBlank String username, String password, boolean oauth2, @Valid OAuth2Client oauth2Client, String folder,
      String quarantineFolder) {

    public Mailbox {
      // A profile names the endpoint's settings for every mailbox; without a token URI there is none.
      oauth2Client = oauth2Client == null || oauth2Client.tokenUri() == null || oauth2Client.tokenUri().isBlank()
          ? null : oauth2Client;
      folder = folder == null ? "INBOX" : folder;
      quarantineFolder = quarantineFolder == null ? "Quarantine" : quarantineFolder;
    }
  }

  /**
   * The provider's token endpoint for an XOAUTH2 mailbox: a refresh token grant when
   * {@code refreshToken} is set, else client credentials. Secrets come from the environment.
   */
  public record OAuth2Client(@NotBlank String tokenUri, @NotBlank String clientId, String clientSecret,
      String refreshToken, String scope) {
  }

  /** A GreenMail IMAP + SMTP server inside the application, for the demo and the tour. */
  public record Embedded(boolean enabled, int imapPort, int smtpPort, String password) {
  }

  /** Every address that is the desk itself; mail from these is our own and never ticketed. */
  public List<String> ownAddresses() {
    var own = new java.util.ArrayList<String>();
    own.add(deskAddress.toLowerCase(java.util.Locale.ROOT));
    mailboxes.forEach(m -> own.add(m.username().toLowerCase(java.util.Locale.ROOT)));
    return own;
  }
}
