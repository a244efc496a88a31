package org.itilengine.connectors.mail;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.scheduling.concurrent.ConcurrentTaskScheduler;

/**
 * Reads one IMAP mailbox through Spring Integration Mail's receiver (connect, search, IDLE). Each
 * unread mail is handed to the desk and flagged as read only after the desk's transaction has
 * committed, so a crash in between means the mail is read again (the desk recognises its
 * Message-ID). A mail that cannot be parsed, is too large, takes too long or
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
  private final DeskImapReceiver receiver;
  private final Map<Long, Integer> failedAttempts = new HashMap<>();

  private volatile boolean running = true;
  private volatile MailboxStatus status;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile ScheduledFuture<?> stopping;
  private volatile boolean finished;
  private Folder inbox;

  ImapMailbox(MailProperties.Mailbox mailbox, MailProperties settings, MailParser parser, InboundMailHandler desk,
      ExecutorService parsing, ScheduledExecutorService idleWatchdog, BeanFactory beanFactory) {
    this.mailbox = mailbox;
    this.settings = settings;
    this.parser = parser;
    this.desk = desk;
    this.parsing = parsing;
    this.idleWatchdog = idleWatchdog;
    this.receiver = new DeskImapReceiver(mailbox, settings, new ConcurrentTaskScheduler(idleWatchdog),
        beanFactory);
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
        boolean mailsLeft = pollOnce();
        status = new MailboxStatus(mailbox.name(), java.time.Instant.now(), null);
        waitForMail(mailsLeft);
      } catch (MessagingException | RuntimeException e) {
        status = new MailboxStatus(mailbox.name(), java.time.Instant.now(), e.toString());
        LOG.warn("Mailbox {}: {}; reconnecting in {}", mailbox.name(), e.getMessage(), settings.pollInterval());
        disconnect();
        sleep();
      }
    }
    disconnect();
    finished = true;
    if (stopping != null) {
      stopping.cancel(false);
    }
  }

  /** Ends the reader: wakes it from IDLE, again until it has gone (it may be just entering IDLE). */
  void stop() {
    running = false;
    stopped.countDown();
    stopping = idleWatchdog.scheduleWithFixedDelay(() -> wake(receiver.inbox()), 0, 200, TimeUnit.MILLISECONDS);
    if (finished) {
      stopping.cancel(false);
    }
  }

  /** Reads every unread mail once; true if some had to be left unread for the next poll. */
  boolean pollOnce() throws MessagingException {
    Message[] unread = receiver.unread();
    inbox = receiver.inbox();
    boolean quarantined = false;
    boolean left = false;
    // Whole mails are fetched, and read flags set, a batch at a time: one round trip each
    // instead of two per mail. Every mail in a batch is committed by the desk before the flags go.
    for (int from = 0; from < unread.length && running; from += BATCH) {
      Message[] batch = Arrays.copyOfRange(unread, from, Math.min(unread.length, from + BATCH));
      inbox.fetch(withinSizeLimit(batch), WHOLE_MESSAGE);
      List<Message> taken = new ArrayList<>();
      for (Message message : batch) {
        if (running && !message.isExpunged() && !message.isSet(Flags.Flag.DELETED)) {
          switch (take(message)) {
            case TAKEN -> taken.add(message);
            case QUARANTINED -> quarantined = true;
            case LEFT -> left = true;
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
    return left;
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
      switch (desk.handle(mailbox.name(), mail, receivedAt(message))) {
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

  /** The server's arrival time (IMAP INTERNALDATE); a server without one makes the mail count as old. */
  private static Instant receivedAt(Message message) throws MessagingException {
    Date received = message.getReceivedDate();
    return received != null ? received.toInstant() : Instant.EPOCH;
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
    Folder quarantine = inbox.getStore().getFolder(mailbox.quarantineFolder());
    if (!quarantine.exists()) {
      quarantine.create(Folder.HOLDS_MESSAGES);
    }
    inbox.copyMessages(new Message[] {message}, quarantine);
    message.setFlag(Flags.Flag.DELETED, true);
    return Taken.QUARANTINED;
  }

  private void waitForMail(boolean mailsLeft) throws MessagingException {
    if (!running) {
      return;
    }
    // Mails left unread would end IDLE at once (they still match the search): wait a poll interval.
    if (settings.idle() && !mailsLeft && receiver.serverSupportsIdle()) {
      // IDLE returns when mail arrives; the watchdog ends it after one poll interval regardless
      // (the receiver's own canceller skips its NOOP when the connection spoke less than 1 s ago).
      ScheduledFuture<?> kick = idleWatchdog.schedule(() -> wake(receiver.inbox()),
          settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
      try {
        receiver.waitForNewMessages();
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

  private void disconnect() {
    receiver.destroy();
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

  /** One poll interval, cut short by stop(). */
  private void sleep() {
    try {
      stopped.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
