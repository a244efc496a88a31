package org.itilengine.connectors.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts one reader thread per configured mailbox once the application is up (after the engine
 * and the embedded mail server), and stops them first on shutdown.
 */
@Component
public class MailboxReaders implements SmartLifecycle {

  private final MailProperties settings;
  private final ObjectProvider<InboundMailHandler> desk;
  private final BeanFactory beanFactory;
  private final List<ImapMailbox> readers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private ExecutorService parsing;
  private ScheduledExecutorService watchdog;

  public MailboxReaders(MailProperties settings, ObjectProvider<InboundMailHandler> desk, BeanFactory beanFactory) {
    this.settings = settings;
    this.desk = desk;
    this.beanFactory = beanFactory;
  }

  @Override
  public synchronized void start() {
    InboundMailHandler handler = desk.getIfAvailable();
    if (handler == null || settings.mailboxes().isEmpty()) {
      return;
    }
    MailParser parser = MailParser.withLimitsOf(settings);
    parsing = Executors.newCachedThreadPool(daemon("mail-parser"));
    // A thread per mailbox: a wake-up NOOP that hangs on one server must not delay the others.
    watchdog = Executors.newScheduledThreadPool(settings.mailboxes().size(), daemon("mail-idle-watchdog"));
    for (MailProperties.Mailbox mailbox : settings.mailboxes()) {
      ImapMailbox reader = new ImapMailbox(mailbox, settings, parser, handler, parsing, watchdog, beanFactory);
      readers.add(reader);
      Thread thread = daemon("mailbox-" + mailbox.name()).newThread(reader);
      thread.start();
      threads.add(thread);
    }
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public synchronized void stop() {
    readers.forEach(ImapMailbox::stop);
    for (Thread thread : threads) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    readers.clear();
    threads.clear();
    if (parsing != null) {
      parsing.shutdownNow();
      watchdog.shutdownNow();
    }
  }

  /** The state of every mailbox reader, for the health endpoint. */
  public synchronized List<MailboxStatus> status() {
    return readers.stream().map(reader -> reader.status() != null ? reader.status()
        : new MailboxStatus(reader.name(), null, null)).toList();
  }

  @Override
  public synchronized boolean isRunning() {
    return !threads.isEmpty();
  }

  /** Late in start-up, early in shutdown: the engine must be ready before the first mail. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 100;
  }
}
