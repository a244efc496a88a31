package org.itilengine.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/** The mailbox reader against a real IMAP server: flags after handling, quarantines what it must. */
class ImapMailboxTest {

  private static final String DESK = "servicedesk@example.org";

  @RegisterExtension
  static GreenMailExtension imap = new GreenMailExtension(new ServerSetup[] {
      new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort(),
      new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort()})
      .withConfiguration(GreenMailConfiguration.aConfig().withUser(DESK, DESK, "secret"));

  private final ExecutorService parsing = Executors.newCachedThreadPool();
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
  private final RecordingDesk desk = new RecordingDesk();
  private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();

  @AfterEach
  void stopThreads() {
    parsing.shutdownNow();
    watchdog.shutdownNow();
  }

  @Test
  void handledMailsAreFlaggedAndBrokenOnesQuarantinedWithoutBlockingTheRest() throws Exception {
    deliver(mail("<a@x>", "jane@example.org", "First"));
    deliver("To: " + DESK + "\r\nSubject: no sender\r\nMessage-ID: <b@x>\r\n\r\nbody\r\n");
    deliver(mail("<c@x>", "joe@example.org", "Third"));

    reader(1).pollOnce();

    assertThat(desk.handled).containsExactly("<a@x>", "<c@x>");
    assertThat(desk.quarantined).singleElement().asString().contains("missing From");
    assertThat(folder("INBOX")).extracting(MailboxContents::messageId, MailboxContents::isSeen)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("<a@x>", true), org.assertj.core.groups.Tuple.tuple("<c@x>", true));
    assertThat(folder("Quarantine")).extracting(MailboxContents::messageId).containsExactly("<b@x>");
  }

  @Test
  void aMailTheDeskCannotTakeYetStaysUnread() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    // The sender's clock says 2099: how long the mail may wait goes by the server's arrival time.
    deliver(mail("<later@x>", "jane@example.org", "Re: [INC-000999] hello")
        .replace("Subject:", "Date: Thu, 1 Jan 2099 00:00:00 +0000\r\nSubject:"));
    desk.answer = mail -> InboundMailHandler.Outcome.RETRY_LATER;

    ImapMailbox reader = reader(3);
    reader.pollOnce();
    reader.pollOnce();

    assertThat(desk.handled).containsExactly("<later@x>", "<later@x>");
    assertThat(desk.receivedAt).hasSize(2).allSatisfy(at -> assertThat(at).isBetween(before, Instant.now()));
    assertThat(folder("INBOX")).singleElement().matches(m -> !MailboxContents.isSeen(m));
  }

  @Test
  void aMailThatKeepsFailingIsQuarantinedAfterTheLastAttempt() throws Exception {
    deliver(mail("<poison@x>", "jane@example.org", "Poison"));
    desk.answer = mail -> {
      throw new IllegalStateException("engine says no");
    };

    ImapMailbox reader = reader(2);
    reader.pollOnce();
    assertThat(folder("INBOX")).hasSize(1);
    reader.pollOnce();

    assertThat(desk.quarantined).singleElement().asString().contains("failed 2 times").contains("engine says no");
    assertThat(folder("INBOX")).isEmpty();
    assertThat(folder("Quarantine")).extracting(MailboxContents::messageId).containsExactly("<poison@x>");
  }

  @Test
  void anOversizeMailIsQuarantinedWithItsHeadersOnly() throws Exception {
    deliver(mail("<huge@x>", "jane@example.org", "Huge") + "x".repeat(20_000) + "\r\n");

    new ImapMailbox(mailbox(), settings(1, 10_000), parser(), desk, parsing, watchdog, beans).pollOnce();

    assertThat(desk.handled).isEmpty();
    assertThat(desk.quarantined).singleElement().asString().contains("larger than 10000 bytes");
    assertThat(desk.quarantinedBytes.get(0).length).isLessThan(2_000);
  }

  @Test
  void anOAuth2MailboxLogsInWithXoauth2AndItsAccessToken() throws Exception {
    // GreenMail speaks SASL XOAUTH2 and checks the access token as the user's secret.
    deliver(mail("<oauth@x>", "jane@example.org", "Via XOAUTH2"));
    MailProperties.Mailbox oauth = new MailProperties.Mailbox("desk", "127.0.0.1", imap.getImap().getPort(), false,
        DESK, "secret", true, null, null, null);

    new ImapMailbox(oauth, settings(1, 1_000_000), parser(), desk, parsing, watchdog, beans).pollOnce();

    assertThat(desk.handled).containsExactly("<oauth@x>");
    MailProperties.Mailbox expired = new MailProperties.Mailbox("desk", "127.0.0.1", imap.getImap().getPort(), false,
        DESK, "expired-token", true, null, null, null);
    assertThatThrownBy(() -> new ImapMailbox(expired, settings(1, 1_000_000), parser(), desk, parsing, watchdog, beans)
        .pollOnce()).isInstanceOf(jakarta.mail.AuthenticationFailedException.class);
  }

  @Test
  void anOAuth2MailboxLogsInWithATokenFromItsProvider() throws Exception {
    // The provider hands out what GreenMail accepts as the user's token.
    OAuth2AccessTokensTest.PROVIDER.start();
    try {
      // First a token the server refuses (revoked early): it is dropped, not offered again for its hour.
      OAuth2AccessTokensTest.answer("{\"access_token\":\"revoked\",\"expires_in\":3600}");
      deliver(mail("<fetched@x>", "jane@example.org", "Via a fetched token"));
      MailProperties.Mailbox oauth = new MailProperties.Mailbox("desk", "127.0.0.1", imap.getImap().getPort(), false,
          DESK, null, true, OAuth2AccessTokensTest.client("refresh-1"), null, null);
      ImapMailbox reader = new ImapMailbox(oauth, settings(1, 1_000_000), parser(), desk, parsing, watchdog, beans);
      assertThatThrownBy(reader::pollOnce).isInstanceOf(jakarta.mail.AuthenticationFailedException.class);

      OAuth2AccessTokensTest.answer("{\"access_token\":\"secret\",\"expires_in\":3600}");
      reader.pollOnce();

      assertThat(desk.handled).containsExactly("<fetched@x>");
    } finally {
      OAuth2AccessTokensTest.PROVIDER.stop();
    }
  }

  @Test
  void withIdleANewMailIsReadAsSoonAsItArrivesAndStopEndsTheWait() throws Exception {
    deliver(mail("<before@x>", "jane@example.org", "Before"));
    MailProperties idle = new MailProperties(DESK, "Service Desk", Duration.ofSeconds(60), true,
        Duration.ofSeconds(5), 1_000_000, 100_000, 1_000_000, 3, List.of(), null);
    ImapMailbox reader = new ImapMailbox(mailbox(), idle, parser(), desk, parsing, watchdog, beans);
    Thread thread = new Thread(reader, "mailbox-under-test");
    thread.start();
    try {
      waitUntil(() -> desk.handled.size() == 1);
      Thread.sleep(1_000); // the reader is in IDLE now, with a minute to go before its next poll
      deliver(mail("<during@x>", "joe@example.org", "During"));

      waitUntil(() -> desk.handled.size() == 2);
      assertThat(desk.handled).containsExactly("<before@x>", "<during@x>");
    } finally {
      reader.stop();
      thread.join(10_000);
    }
    assertThat(thread.isAlive()).as("stop() ends the IDLE wait").isFalse();
    assertThat(folder("INBOX")).allMatch(MailboxContents::isSeen);
  }

  @Test
  void stopEndsAPollingReaderWithoutWaitingOutItsInterval() throws Exception {
    MailProperties polling = new MailProperties(DESK, "Service Desk", Duration.ofSeconds(60), false,
        Duration.ofSeconds(5), 1_000_000, 100_000, 1_000_000, 3, List.of(), null);
    ImapMailbox reader = new ImapMailbox(mailbox(), polling, parser(), desk, parsing, watchdog, beans);
    Thread thread = new Thread(reader, "polling-mailbox-under-test");
    thread.start();
    Thread.sleep(1_000); // polled once, now waiting a minute for the next poll

    reader.stop();
    thread.join(10_000);

    assertThat(thread.isAlive()).as("gone well before the next poll was due").isFalse();
  }

  /** Within 10 s: far less than the reader's one-minute poll interval, so only IDLE can explain it. */
  private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  // --- helpers -----------------------------------------------------------------------------------

  private ImapMailbox reader(int maxAttempts) {
    return new ImapMailbox(mailbox(), settings(maxAttempts, 1_000_000), parser(), desk, parsing, watchdog, beans);
  }

  private static MailParser parser() {
    return new MailParser(100_000, 1_000_000);
  }

  private static MailProperties.Mailbox mailbox() {
    return new MailProperties.Mailbox("desk", "127.0.0.1", imap.getImap().getPort(), false, DESK, "secret", false,
        null, null, null);
  }

  private static MailProperties settings(int maxAttempts, long maxBytes) {
    return new MailProperties(DESK, "Service Desk", Duration.ofMillis(100), false, Duration.ofSeconds(5), maxBytes,
        100_000, 1_000_000, maxAttempts, List.of(), null);
  }

  private static String mail(String id, String from, String subject) {
    return "From: " + from + "\r\nTo: " + DESK + "\r\nSubject: " + subject + "\r\nMessage-ID: " + id
        + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello desk\r\n";
  }

  private static void deliver(String raw) throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
        new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    imap.getManagers().getUserManager().getUser(DESK).deliver(message);
  }

  private static List<Message> folder(String name) {
    return MailboxContents.read(imap.getImap().getPort(), DESK, "secret", name);
  }

  /** Stands in for the engine's email channel and records what the mailbox hands it. */
  static class RecordingDesk implements InboundMailHandler {
    final List<String> handled = new CopyOnWriteArrayList<>();
    final List<Instant> receivedAt = new CopyOnWriteArrayList<>();
    final List<String> quarantined = new ArrayList<>();
    final List<byte[]> quarantinedBytes = new ArrayList<>();
    Function<ParsedMail, Outcome> answer = mail -> Outcome.PROCESSED;

    @Override
    public Outcome handle(String mailbox, ParsedMail mail, Instant received) {
      handled.add(mail.messageId());
      receivedAt.add(received);
      return answer.apply(mail);
    }

    @Override
    public void quarantine(String mailbox, String messageId, byte[] raw, String reason) {
      quarantined.add(reason);
      quarantinedBytes.add(raw);
    }
  }
}
