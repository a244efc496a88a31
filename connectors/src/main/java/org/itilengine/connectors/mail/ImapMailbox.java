package org.itilengine.connectors.mail;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one IMAP mailbox. Each unread mail is handed to the desk and flagged as read only after
 * the desk's transaction has committed, so a crash in between means the mail is read again (the
 * desk recognises its Message-ID). A mail that cannot be parsed, is too large, takes too long or
 * keeps failing is moved to the quarantine folder, so the mails behind it always get their turn.
 */
class ImapMailbox implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(ImapMailbox.class);
  private static final int BATCH = 50;
  private static final FetchProfile WHOLE_MESSAGE = new FetchProfile();

  static {
    WHOLE_MESSAGE.add(IMAPFolder.FetchProfileItem.MESSAGE);
  }

  private final MailProperties.Mailbox mailbox;
  private final MailProperties settings;
  private final MailParser parser;
  private final InboundMailHandler desk;
  private final ExecutorService parsing;
  private final ScheduledExecutorService idleWatchdog;
  private final Map<Long, Integer> failedAttempts = new HashMap<>();

  private volatile boolean running = true;
  private volatile MailboxStatus status;
  private Store store;
  private Folder inbox;

  ImapMailbox(MailProperties.Mailbox mailbox, MailProperties settings, MailParser parser, InboundMailHandler desk,
      ExecutorService parsing, ScheduledExecutorService idleWatchdog) {
    this.mailbox = mailbox;
    this.settings = settings;
    this.parser = parser;
    this.desk = desk;
    this.parsing = parsing;
    this.idleWatchdog = idleWatchdog;
  }

  String name() {
    return mailbox.name();
  }

  /** How the last poll went, for the health endpoint; null before the first one. */
  MailboxStatus status() {
    return status;
  }

  @Override
  public void run() {
    while (running) {
      try {
        pollOnce();
        status = new MailboxStatus(mailbox.name(), java.time.Instant.now(), null);
        waitForMail();
      } catch (MessagingException | RuntimeException e) {
        status = new MailboxStatus(mailbox.name(), java.time.Instant.now(), e.toString());
        LOG.warn("Mailbox {}: {}; reconnecting in {}", mailbox.name(), e.getMessage(), settings.pollInterval());
        disconnect();
        sleep();
      }
    }
    disconnect();
  }

  void stop() {
    running = false;
    Folder folder = inbox;
    if (folder != null) {
      idleWatchdog.execute(() -> wake(folder));
    }
  }

  void pollOnce() throws MessagingException {
    connect();
    Message[] unread = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
    FetchProfile envelope = new FetchProfile();
    envelope.add(FetchProfile.Item.FLAGS);
    envelope.add(FetchProfile.Item.SIZE);
    envelope.add(UIDFolder.FetchProfileItem.UID);
    inbox.fetch(unread, envelope);
    boolean quarantined = false;
    // Whole mails are fetched, and read flags set, a batch at a time: one round trip each
    // instead of two per mail. Every mail in a batch is committed by the desk before the flags go.
    for (int from = 0; from < unread.length && running; from += BATCH) {
      Message[] batch = java.util.Arrays.copyOfRange(unread, from, Math.min(unread.length, from + BATCH));
      inbox.fetch(withinSizeLimit(batch), WHOLE_MESSAGE);
      List<Message> taken = new ArrayList<>();
      for (Message message : batch) {
        if (running && !message.isExpunged() && !message.isSet(Flags.Flag.DELETED)) {
          switch (take(message)) {
            case TAKEN -> taken.add(message);
            case QUARANTINED -> quarantined = true;
            case LEFT -> { }
          }
        }
      }
      if (!taken.isEmpty()) {
        inbox.setFlags(taken.toArray(Message[]::new), new Flags(Flags.Flag.SEEN), true);
      }
    }
    if (quarantined) {
      inbox.expunge();
    }
  }

  private Message[] withinSizeLimit(Message[] batch) throws MessagingException {
    List<Message> small = new ArrayList<>();
    for (Message message : batch) {
      if (message.getSize() <= settings.maxMessageBytes()) {
        small.add(message);
      }
    }
    return small.toArray(Message[]::new);
  }

  private enum Taken { TAKEN, QUARANTINED, LEFT }

  /** Handles one mail: taken by the desk (to be flagged), quarantined, or left for the next poll. */
  private Taken take(Message message) throws MessagingException {
    long uid = ((UIDFolder) inbox).getUID(message);
    if (message.getSize() > settings.maxMessageBytes()) {
      return quarantine(message, headersOnly(message), null,
          "larger than " + settings.maxMessageBytes() + " bytes (" + message.getSize() + ")");
    }
    byte[] raw = bytes(message);
    ParsedMail mail;
    try {
      mail = parse(raw);
    } catch (UnparseableMailException e) {
      return quarantine(message, raw, null, e.getMessage());
    }
    try {
      switch (desk.handle(mailbox.name(), mail)) {
        case PROCESSED, IGNORED -> {
          failedAttempts.remove(uid);
          return Taken.TAKEN;
        }
        default -> {
          LOG.debug("Mailbox {}: {} left for the next poll", mailbox.name(), mail.messageId());
          return Taken.LEFT;
        }
      }
    } catch (RuntimeException e) {
      int attempts = failedAttempts.merge(uid, 1, Integer::sum);
      LOG.warn("Mailbox {}: mail {} failed (attempt {} of {}): {}", mailbox.name(), mail.messageId(), attempts,
          settings.maxAttempts(), e.toString());
      if (attempts < settings.maxAttempts()) {
        return Taken.LEFT;
      }
      failedAttempts.remove(uid);
      return quarantine(message, raw, mail.messageId(), "failed " + attempts + " times: " + e);
    }
  }

  private ParsedMail parse(byte[] raw) throws UnparseableMailException {
    Future<ParsedMail> parsed = parsing.submit(() -> parser.parse(raw));
    try {
      return parsed.get(settings.parseTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      parsed.cancel(true);
      throw new UnparseableMailException("parsing took longer than " + settings.parseTimeout());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnparseableMailException unparseable) {
        throw unparseable;
      }
      throw new UnparseableMailException("parser failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnparseableMailException("interrupted while parsing");
    }
  }

  private Taken quarantine(Message message, byte[] raw, String messageId, String reason) throws MessagingException {
    LOG.warn("Mailbox {}: quarantining {}: {}", mailbox.name(), messageId == null ? "a mail" : messageId, reason);
    desk.quarantine(mailbox.name(), messageId, raw, reason);
    Folder quarantine = store.getFolder(mailbox.quarantineFolder());
    if (!quarantine.exists()) {
      quarantine.create(Folder.HOLDS_MESSAGES);
    }
    inbox.copyMessages(new Message[] {message}, quarantine);
    message.setFlag(Flags.Flag.DELETED, true);
    return Taken.QUARANTINED;
  }

  private void waitForMail() throws MessagingException {
    if (running && settings.idle() && inbox instanceof IMAPFolder imap && ((IMAPStore) store).hasCapability("IDLE")) {
      // IDLE returns when mail arrives; the watchdog ends it after one poll interval regardless.
      ScheduledFuture<?> kick = idleWatchdog.schedule(() -> wake(imap), settings.pollInterval().toMillis(),
          TimeUnit.MILLISECONDS);
      try {
        imap.idle(true);
      } finally {
        kick.cancel(false);
      }
    } else {
      sleep();
    }
  }

  /** A protocol command from another thread ends a running IDLE (a cached call would not). */
  private static void wake(Folder folder) {
    try {
      if (folder instanceof IMAPFolder imap && imap.isOpen()) {
        imap.doCommand(protocol -> {
          protocol.simpleCommand("NOOP", null);
          return null;
        });
      }
    } catch (MessagingException | RuntimeException ignored) {
      // the poller reconnects on its own
    }
  }

  private void connect() throws MessagingException {
    if (store != null && store.isConnected() && inbox != null && inbox.isOpen()) {
      return;
    }
    disconnect();
    String protocol = mailbox.ssl() ? "imaps" : "imap";
    Properties props = new Properties();
    props.setProperty("mail." + protocol + ".connectiontimeout", "10000");
    props.setProperty("mail." + protocol + ".timeout", "60000");
    // Reading a mail must not mark it as read: that happens only after the desk has committed.
    props.setProperty("mail." + protocol + ".peek", "true");
    if (mailbox.oauth2()) {
      props.setProperty("mail." + protocol + ".auth.mechanisms", "XOAUTH2");
    }
    store = Session.getInstance(props).getStore(protocol);
    store.connect(mailbox.host(), mailbox.port(), mailbox.username(), mailbox.password());
    inbox = store.getFolder(mailbox.folder());
    inbox.open(Folder.READ_WRITE);
  }

  private void disconnect() {
    try {
      if (inbox != null && inbox.isOpen()) {
        inbox.close(false);
      }
      if (store != null) {
        store.close();
      }
    } catch (MessagingException ignored) {
      // closing a broken connection
    }
    inbox = null;
    store = null;
  }

  private static byte[] bytes(Message message) throws MessagingException {
    try {
      var out = new ByteArrayOutputStream(Math.max(message.getSize(), 1024));
      message.writeTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new MessagingException("cannot read the mail: " + e.getMessage(), e);
    }
  }

  private static byte[] headersOnly(Message message) throws MessagingException {
    var headers = new StringBuilder();
    for (Enumeration<String> lines = ((jakarta.mail.internet.MimeMessage) message).getAllHeaderLines();
        lines.hasMoreElements(); ) {
      headers.append(lines.nextElement()).append("\r\n");
    }
    return headers.append("\r\n[body not kept: the mail is over the size limit]\r\n").toString()
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private void sleep() {
    try {
      Thread.sleep(settings.pollInterval().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
