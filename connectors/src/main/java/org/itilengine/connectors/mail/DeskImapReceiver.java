package org.itilengine.connectors.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Authenticator;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import java.time.Clock;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.integration.mail.ImapMailReceiver;
import org.springframework.scheduling.TaskScheduler;

/**
 * Spring Integration's IMAP receiver, set up for the desk: it connects (password or XOAUTH2),
 * searches, fetches and waits with IDLE, but never marks a mail. A mail counts as unread until
 * the desk has committed it, so the search is "not seen, not deleted" and nothing else: not
 * RECENT (a mail that arrived before a crash is no longer recent afterwards) and not a marker
 * flag set on fetch (a crash after fetching would hide the mail).
 */
class DeskImapReceiver extends ImapMailReceiver {

  private static final FetchProfile ENVELOPE = new FetchProfile();

  private final URLName url;
  private final Session session;
  private final OAuth2AccessTokens tokens;

  static {
    ENVELOPE.add(FetchProfile.Item.FLAGS);
    ENVELOPE.add(FetchProfile.Item.SIZE);
    ENVELOPE.add(UIDFolder.FetchProfileItem.UID);
  }

  DeskImapReceiver(MailProperties.Mailbox mailbox, MailProperties settings, TaskScheduler idleCanceler,
      BeanFactory beanFactory) {
    super(url(mailbox).toString());
    this.url = url(mailbox);
    String protocol = mailbox.ssl() ? "imaps" : "imap";
    Properties props = new Properties();
    props.setProperty("mail." + protocol + ".connectiontimeout", "10000");
    props.setProperty("mail." + protocol + ".timeout", "60000");
    if (mailbox.oauth2()) {
      props.setProperty("mail." + protocol + ".auth.mechanisms", "XOAUTH2");
    }
    // Reading a mail must not mark it read (the receiver sets this too, but only on a session of its own).
    props.setProperty("mail." + protocol + ".peek", "true");
    // The secret (password or OAuth2 access token) is handed over at login only, never put in the URL.
    this.tokens = mailbox.oauth2() && mailbox.oauth2Client() != null
        ? new OAuth2AccessTokens(mailbox.oauth2Client(), Clock.systemUTC()) : null;
    this.session = Session.getInstance(props, new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication(mailbox.username(), tokens != null ? tokens.current() : mailbox.password());
      }
    });
    setSession(session);
    setSearchTermStrategy((supported, folder) -> new AndTerm(
        new FlagTerm(new Flags(Flags.Flag.SEEN), false), new FlagTerm(new Flags(Flags.Flag.DELETED), false)));
    setCancelIdleInterval(Math.max(1, settings.pollInterval().toSeconds()));
    setTaskScheduler(idleCanceler);
    setBeanFactory(beanFactory);
    afterPropertiesSet();
  }

  private static URLName url(MailProperties.Mailbox mailbox) {
    return new URLName(mailbox.ssl() ? "imaps" : "imap", mailbox.host(), mailbox.port(), mailbox.folder(),
        mailbox.username(), null);
  }

  /**
   * Jakarta Mail keeps the secret of the last login in the session and tries it first on the next
   * connect: with OAuth2, a token that expired long ago and a failed login on every reconnect. So
   * the session forgets it, and a refused token is not offered again.
   */
  @Override
  protected void openFolder() throws MessagingException {
    if (tokens == null) {
      super.openFolder();
      return;
    }
    session.setPasswordAuthentication(url, null);
    try {
      super.openFolder();
    } catch (AuthenticationFailedException e) {
      tokens.forget();
      throw e;
    }
  }

  /**
   * The unread mails with flags, size and UID (whole mails are fetched a batch at a time by the
   * reader), the inbox left open to flag them; if there are none, the inbox is closed.
   * Not {@link #receive()}: that marks every mail it returns, one IMAP round trip per mail before
   * the first one is handled (minutes for a full mailbox); the reader marks mails read in
   * batches, after the desk has committed them.
   */
  Message[] unread() throws MessagingException {
    openFolder();
    Message[] unread = searchForNewMessages();
    if (unread.length > 0) {
      getFolder().fetch(unread, ENVELOPE);
    } else {
      // As receive() does: reopening for IDLE starts a session in which nothing is RECENT any more.
      closeFolder();
    }
    return unread;
  }

  /** Whether the server offers IMAP IDLE; where it does not, the reader polls. */
  boolean serverSupportsIdle() throws MessagingException {
    openFolder();
    return ((IMAPStore) getFolder().getStore()).hasCapability("IDLE");
  }

  /** The open inbox, to flag, copy and expunge the mails {@link #unread()} returned. */
  Folder inbox() {
    return getFolder();
  }
}
