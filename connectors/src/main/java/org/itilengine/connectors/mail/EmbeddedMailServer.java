package org.itilengine.connectors.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A real IMAP and SMTP server (GreenMail) inside the application, so the demo and the tour need
 * no mail server. It accepts mail for any address on 127.0.0.1 only.
 */
@Component
@ConditionalOnProperty("itil.mail.embedded.enabled")
public class EmbeddedMailServer implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMailServer.class);

  private final MailProperties settings;
  private GreenMail greenMail;

  public EmbeddedMailServer(MailProperties settings) {
    this.settings = settings;
  }

  @Override
  public synchronized void start() {
    MailProperties.Embedded embedded = settings.embedded();
    greenMail = new GreenMail(new ServerSetup[] {
        new ServerSetup(embedded.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(embedded.imapPort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
        .withConfiguration(GreenMailConfiguration.aConfig()
            .withUser(settings.deskAddress(), settings.deskAddress(), embedded.password()));
    // Every configured mailbox (desk, requests, ...) exists from the start with the same password.
    settings.mailboxes().stream().map(MailProperties.Mailbox::username)
        .filter(user -> !user.equals(settings.deskAddress()))
        .forEach(user -> greenMail.setUser(user, user, embedded.password()));
    greenMail.start();
    LOG.info("Embedded mail server: SMTP 127.0.0.1:{}, IMAP 127.0.0.1:{}, mailboxes {}",
        embedded.smtpPort(), embedded.imapPort(),
        settings.mailboxes().stream().map(MailProperties.Mailbox::username).toList());
  }

  @Override
  public synchronized void stop() {
    if (greenMail != null) {
      greenMail.stop();
      greenMail = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return greenMail != null;
  }

  /** Before the mailbox readers start and after they stop. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 200;
  }

  public GreenMail greenMail() {
    return greenMail;
  }
}
