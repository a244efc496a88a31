package org.itilengine.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Crash drill: mails are fed to the desk while the application (a separate process on a fresh
 * PostgreSQL database, profile {@code postgres}) is killed with SIGKILL at random moments and
 * restarted. Every fifth mail is a requester's reply to their own mail three before, threaded by
 * In-Reply-To only. Afterwards every other mail must be exactly one ticket, every reply exactly one
 * entry on its ticket's journal, every ticket must have had its acknowledgement (or show a failed
 * job in Cockpit) and no instance may be stuck. The mail server
 * (GreenMail) lives in this process, so mail survives the kills.
 * Usage: bench/crash-drill.sh [mails] [kills] [--keep-db] (default 2000 5). Prints a table, writes
 * bench/target/crash-drill/result.csv and exits 1 when a check fails.
 */
public final class CrashDrill {

  private static final String DESK = "servicedesk@example.org";
  private static final String DESK_PASSWORD = "password";
  private static final String PG_SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  private static final String PG_USER = "postgres";
  private static final String ACK_SUBJECT = "We have your request";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  // Jobs a killed node had locked are free again only when their lock expires (ITIL_JOB_LOCK_MILLIS,
  // 120 s in the postgres profile), and a failing job retries every 2 minutes: leave room for both.
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(15);

  private static final String MAILS_TAKEN = "select count(*) from mail_message where direction = 'IN'";
  // Async continuations still to run: locked by a dead node, waiting for a retry, or just queued.
  private static final String JOBS_LEFT = "select count(*) from act_ru_job where type_ = 'message' and retries_ > 0";
  private static final String LOCKED_JOBS = JOBS_LEFT + " and lock_exp_time_ > now()";
  private static final String OVERDUE_JOBS =
      "select count(*) from act_ru_job where retries_ > 0 and (duedate_ is null or duedate_ <= now())";
  private static final String STUCK_AT_ACK = "select count(*) from act_ru_execution e"
      + " where e.act_id_ = 'Task_AcknowledgeRequester'"
      + " and not exists (select 1 from act_ru_job j where j.execution_id_ = e.id_)";
  private static final String FAILED_JOB_REQUESTERS = "select t.requester_email from ticket t"
      + " where exists (select 1 from act_ru_job j where j.process_instance_id_ = t.process_instance_id and j.retries_ = 0)"
      + " or exists (select 1 from act_ru_incident i where i.proc_inst_id_ = t.process_instance_id)";

  private final int mails;
  private final int kills;
  private final boolean keepDatabase;
  private final Path out;
  private final Path jar;
  private final String database = "crashdrill_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
  private final Random random = new Random();
  private final AtomicInteger sent = new AtomicInteger();
  private final long begin = System.nanoTime();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private GreenMail mailServer;
  private Connection db;
  private int httpPort;
  private Path appJar;
  private Process app;
  private int starts;

  private CrashDrill(int mails, int kills, boolean keepDatabase) throws IOException {
    this.mails = mails;
    this.kills = kills;
    this.keepDatabase = keepDatabase;
    Path cwd = Path.of("").toAbsolutePath();
    Path root = Files.isDirectory(cwd.resolve("engine")) ? cwd : cwd.getParent();
    this.out = root.resolve("bench/target/crash-drill");
    this.jar = executableJar(root.resolve("engine/target"));
  }

  public static void main(String[] args) throws Exception {
    // GreenMail logs every requester mailbox it creates; this console is for the drill's own lines.
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    List<String> numbers = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
    int mails = numbers.size() > 0 ? Integer.parseInt(numbers.get(0)) : 2000;
    int kills = numbers.size() > 1 ? Integer.parseInt(numbers.get(1)) : 5;
    boolean passed = new CrashDrill(mails, kills, Arrays.asList(args).contains("--keep-db")).run();
    System.exit(passed ? 0 : 1);
  }

  private boolean run() throws Exception {
    Files.createDirectories(out);
    try (Stream<Path> old = Files.list(out)) { // the logs of this run only
      for (Path log : old.filter(p -> p.getFileName().toString().matches("app-\\d+\\.log")).toList()) {
        Files.delete(log);
      }
    }
    // Every restart runs this copy, so a rebuild of engine/ during the drill changes nothing.
    appJar = Files.copy(jar, out.resolve("app.jar"), StandardCopyOption.REPLACE_EXISTING);
    int[] ports = BenchPorts.free(3);
    mailServer = new GreenMail(new ServerSetup[] {
        new ServerSetup(ports[0], "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
        new ServerSetup(ports[1], "127.0.0.1", ServerSetup.PROTOCOL_SMTP)})
        .withConfiguration(GreenMailConfiguration.aConfig().withUser(DESK, DESK, DESK_PASSWORD));
    mailServer.start();
    httpPort = ports[2];
    createDatabase();
    log("%d mails, %d kills, database %s, application %s", mails, kills, database, jar.getFileName());
    try {
      startApp(ports[0], ports[1]);
      FutureTask<Void> sender = new FutureTask<>(() -> {
        send(ports[1]);
        return null;
      });
      Thread senderThread = new Thread(sender, "crash-drill-sender");
      senderThread.setDaemon(true);
      senderThread.start();
      for (int k = 1; k <= kills; k++) {
        // UP comes while the reader still re-reads the batch the last kill left unflagged: wait long
        // enough, at random, for kills to land during new tickets and acknowledgements as well.
        long delay = 2000 + random.nextInt(18000);
        Thread.sleep(delay);
        kill(k, delay);
        startApp(ports[0], ports[1]);
      }
      sender.get();
      log("all %d mails sent; draining", mails);
      long drainStart = System.nanoTime();
      boolean drained = drain();
      double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
      stopApp();
      return check(drained, drainSeconds);
    } finally {
      if (app != null && app.isAlive()) {
        stopApp();
      }
      mailServer.stop();
      db.close();
      if (keepDatabase) {
        log("database %s kept", database);
      } else {
        dropDatabase();
      }
    }
  }

  private static Path executableJar(Path target) throws IOException {
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(p -> p.getFileName().toString().matches("itil-engine-.*-exec\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("No itil-engine-*-exec.jar in " + target
              + ": build it with mvn -pl engine -am -DskipTests package"));
    }
  }

  private void createDatabase() throws SQLException {
    try (Connection admin = DriverManager.getConnection(PG_SERVER + "postgres", PG_USER, "");
        Statement sql = admin.createStatement()) {
      sql.execute("create database " + database);
    }
    db = DriverManager.getConnection(PG_SERVER + database, PG_USER, "");
  }

  private void dropDatabase() throws SQLException {
    try (Connection admin = DriverManager.getConnection(PG_SERVER + "postgres", PG_USER, "");
        Statement sql = admin.createStatement()) {
      sql.execute("drop database if exists " + database + " with (force)");
    }
  }

  /** Starts the application jar as its own OS process and waits until its health is UP (mailbox read). */
  private void startApp(int imapPort, int smtpPort) throws Exception {
    starts++;
    Path logFile = out.resolve("app-" + starts + ".log");
    ProcessBuilder builder = new ProcessBuilder(
        ProcessHandle.current().info().command().orElse("java"), "-jar", appJar.toString(),
        "--spring.profiles.active=postgres",
        "--server.port=" + httpPort,
        "--itil.mail.embedded.enabled=false",
        "--itil.directory.embedded.enabled=false",
        "--itil.mail.poll-interval=200ms",
        "--itil.mail.mailboxes[0].name=service-desk",
        "--itil.mail.mailboxes[0].host=127.0.0.1",
        "--itil.mail.mailboxes[0].port=" + imapPort,
        "--itil.mail.mailboxes[0].username=" + DESK,
        "--itil.mail.mailboxes[0].password=" + DESK_PASSWORD,
        "--itil.notifications.endpoint=smtp://127.0.0.1:" + smtpPort,
        "--itil.email.max-mails-per-sender-per-hour=1000000")
        .redirectErrorStream(true)
        .redirectOutput(logFile.toFile());
    builder.environment().putAll(Map.of(
        "ITIL_DB_URL", PG_SERVER + database,
        "ITIL_DB_USER", PG_USER,
        "ITIL_DB_PASSWORD", "",
        "ITIL_ADMIN_PASSWORD", "crash-drill",
        "ITIL_VERIFICATION_KEY", "crash-drill"));
    long started = System.nanoTime();
    app = builder.start();
    long deadline = started + START_TIMEOUT.toNanos();
    while (!healthy()) {
      if (!app.isAlive()) {
        throw new IllegalStateException("Application exited with " + app.exitValue() + ", see " + logFile);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Application not UP within " + START_TIMEOUT + ", see " + logFile);
      }
      Thread.sleep(200);
    }
    log("start %d: pid %d, UP after %.1f s (log %s)", starts, app.pid(), (System.nanoTime() - started) / 1e9,
        out.relativize(logFile));
  }

  private boolean healthy() throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
        .timeout(Duration.ofSeconds(2)).build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString()).body().startsWith("{\"status\":\"UP\"");
    } catch (IOException notListeningYet) {
      return false;
    }
  }

  /** SIGKILL (destroyForcibly on Linux): no shutdown hook, open transactions and SMTP sends die mid-way. */
  private void kill(int k, long delayMillis) throws Exception {
    int sentBefore = sent.get();
    long taken = count(MAILS_TAKEN);
    int acks = acknowledgements().values().stream().mapToInt(Integer::intValue).sum();
    app.destroyForcibly().waitFor();
    log("kill %d/%d: pid %d, %.1f s after UP; %d mails sent, %d taken in, %d acknowledgements out",
        k, kills, app.pid(), delayMillis / 1e3, sentBefore, taken, acks);
  }

  private void stopApp() throws InterruptedException {
    app.destroy();
    if (!app.waitFor(60, TimeUnit.SECONDS)) {
      app.destroyForcibly().waitFor();
    }
  }

  /** One mail per requester, at a steady rate over SMTP into the desk's mailbox. */
  private void send(int smtpPort) throws Exception {
    // Spread the mails over about as long as the kills take (start-up 15-40 s on 2 cores plus the
    // random delay) so most of them arrive while the application is being killed and restarted.
    double perSecond = Math.max(5, mails / (kills * 35.0));
    Properties properties = new Properties();
    properties.put("mail.smtp.host", "127.0.0.1");
    properties.put("mail.smtp.port", String.valueOf(smtpPort));
    Session session = Session.getInstance(properties);
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect();
      long start = System.nanoTime();
      for (int i = 0; i < mails; i++) {
        long wait = start + (long) (i * 1e9 / perSecond) - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        String raw = isReply(i)
            ? "From: " + requester(answered(i)) + "\r\nTo: " + DESK + "\r\nSubject: more about my printer"
                + "\r\nIn-Reply-To: " + messageId(answered(i)) + "\r\nMessage-ID: " + messageId(i)
                + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + replyText(i) + "\r\n"
            : "From: Requester " + i + " <" + requester(i) + ">\r\nTo: " + DESK
                + "\r\nSubject: Printer " + i + " does not print\r\nMessage-ID: " + messageId(i)
                + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nPrinter " + i + " shows error E-42.\r\n";
        MimeMessage mail = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        // sendMessage, not Transport.send: that would save changes and replace our Message-ID
        transport.sendMessage(mail, mail.getAllRecipients());
        sent.incrementAndGet();
      }
    }
  }

  private static String requester(int i) {
    return "requester-" + i + "@example.org";
  }

  private String messageId(int i) {
    return "<crash-drill-" + i + "-" + database + "@bench.example.org>";
  }

  /** Every fifth mail answers the requester's own mail three before (never itself a reply). */
  private static boolean isReply(int i) {
    return i % 5 == 4;
  }

  private static int answered(int reply) {
    return reply - 3;
  }

  private static String replyText(int i) {
    return "Reply " + i + ": it also shows E-43 now.";
  }

  /** Waits until every mail is taken in and no async job with retries left remains. */
  private boolean drain() throws Exception {
    long start = System.nanoTime();
    long deadline = start + DRAIN_TIMEOUT.toNanos();
    long nextReport = 0;
    while (true) {
      long taken = count(MAILS_TAKEN);
      long jobs = count(JOBS_LEFT);
      if (taken >= mails && jobs == 0) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        log("drain timed out after %s: %d of %d mails taken in, %d jobs with retries left", DRAIN_TIMEOUT, taken,
            mails, jobs);
        return false;
      }
      if (System.nanoTime() > nextReport) {
        log("draining: %d of %d mails taken in, %d jobs with retries left, %d of them locked (running, or held"
            + " by a killed node until the lock expires)", taken, mails, jobs, count(LOCKED_JOBS));
        nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      }
      Thread.sleep(1000);
    }
  }

  private boolean check(boolean drained, double drainSeconds) throws Exception {
    Map<String, Integer> tickets = new HashMap<>();
    query("select lower(requester_email), count(*) from ticket group by lower(requester_email)",
        row -> tickets.put(row.getString(1), row.getInt(2)));
    Set<String> withFailedJob = new HashSet<>();
    query(FAILED_JOB_REQUESTERS, row -> withFailedJob.add(row.getString(1).toLowerCase(Locale.ROOT)));
    Map<String, Integer> acks = acknowledgements();
    Map<String, Integer> replies = new HashMap<>(); // reply text on its requester's ticket -> entries
    query("select lower(t.requester_email), e.text from ticket_entry e join ticket t on t.id = e.ticket_id"
        + " where e.kind = 'PUBLIC_REPLY'", row -> replies.merge(row.getString(1) + " " + row.getString(2), 1, Integer::sum));

    List<String> lost = new ArrayList<>();
    List<String> duplicateTickets = new ArrayList<>();
    List<String> duplicateAcks = new ArrayList<>();
    List<String> missingAcksFailed = new ArrayList<>();
    List<String> missingAcks = new ArrayList<>();
    List<String> lostReplies = new ArrayList<>();
    List<String> duplicateReplies = new ArrayList<>();
    int originals = 0;
    for (int i = 0; i < mails; i++) {
      if (isReply(i)) {
        int entries = replies.getOrDefault(requester(answered(i)) + " " + replyText(i), 0);
        if (entries != 1) {
          (entries == 0 ? lostReplies : duplicateReplies).add(requester(answered(i)));
        }
        continue;
      }
      originals++;
      String requester = requester(i);
      int ticketCount = tickets.getOrDefault(requester, 0);
      int ackCount = acks.getOrDefault(requester, 0);
      if (ticketCount == 0) {
        lost.add(requester);
      } else if (ticketCount > 1) {
        duplicateTickets.add(requester);
      }
      if (ackCount > 1) {
        duplicateAcks.add(requester);
      } else if (ackCount == 0 && ticketCount > 0) {
        (withFailedJob.contains(requester) ? missingAcksFailed : missingAcks).add(requester);
      }
    }
    long ticketTotal = count("select count(*) from ticket");
    long taken = count(MAILS_TAKEN);
    long stuck = count(STUCK_AT_ACK);
    long overdue = count(OVERDUE_JOBS);

    List<String[]> rows = new ArrayList<>();
    rows.add(row("mails sent", sent.get(), "info"));
    rows.add(row("mails taken in (mail_message IN)", taken, verdict(taken == mails)));
    rows.add(row("tickets (mails that are no reply)", ticketTotal, verdict(ticketTotal == originals)));
    rows.add(row("kills (SIGKILL) each followed by a restart", kills, "info"));
    rows.add(row("mails without a ticket (lost)", lost.size(), verdict(lost.isEmpty())));
    rows.add(row("requesters with 2+ tickets (duplicates)", duplicateTickets.size(), verdict(duplicateTickets.isEmpty())));
    rows.add(row("replies on their ticket's journal", mails - originals - lostReplies.size() - duplicateReplies.size(),
        verdict(lostReplies.isEmpty() && duplicateReplies.isEmpty())));
    rows.add(row("replies missing from their ticket", lostReplies.size(), verdict(lostReplies.isEmpty())));
    rows.add(row("replies on their ticket twice", duplicateReplies.size(), verdict(duplicateReplies.isEmpty())));
    rows.add(row("acknowledgement mails delivered", acks.values().stream().mapToInt(Integer::intValue).sum(), "info"));
    rows.add(row("requesters with 2+ acknowledgements", duplicateAcks.size(),
        duplicateAcks.isEmpty() ? "ok" : "reported"));
    rows.add(row("missing acks with a failed job or incident", missingAcksFailed.size(),
        missingAcksFailed.isEmpty() ? "ok" : "reported"));
    rows.add(row("missing acks without a failed job", missingAcks.size(), verdict(missingAcks.isEmpty())));
    rows.add(row("incidents (act_ru_incident)", count("select count(*) from act_ru_incident"), "info"));
    rows.add(row("stuck at the ack step without a job", stuck, verdict(stuck == 0)));
    rows.add(row("overdue jobs with retries left", overdue, verdict(overdue == 0)));
    rows.add(row("drain time after the last restart (s)", String.format(Locale.ROOT, "%.1f", drainSeconds),
        drained ? "ok" : "FAIL"));
    boolean passed = rows.stream().noneMatch(r -> r[2].equals("FAIL"));

    System.out.printf(Locale.ROOT, "%n%-44s %8s  %s%n", "crash drill (" + mails + " mails, " + kills + " kills, PostgreSQL)",
        "value", "verdict");
    rows.forEach(r -> System.out.printf(Locale.ROOT, "%-44s %8s  %s%n", r[0], r[1], r[2]));
    listSome("lost", lost);
    listSome("duplicate tickets", duplicateTickets);
    listSome("replies missing (requester)", lostReplies);
    listSome("replies twice (requester)", duplicateReplies);
    listSome("duplicate acknowledgements", duplicateAcks);
    listSome("missing acknowledgements without a failed job", missingAcks);
    System.out.println("\nA sent mail is recorded in its own transaction the moment the server accepts it, so a job run"
        + "\nagain after a kill does not send it twice; a kill in the instant between the acceptance and that"
        + "\nrecord can still repeat one. Duplicate acknowledgements are reported, not failed; the drill fails"
        + "\non lost or duplicate tickets or replies, a missing acknowledgement without a failed job, a stuck instance or"
        + "\nan unfinished drain.");
    System.out.println(passed ? "\nRESULT: PASSED" : "\nRESULT: FAILED");

    Path csv = out.resolve("result.csv");
    StringBuilder text = new StringBuilder("figure,value,verdict\n");
    rows.forEach(r -> text.append(String.join(",", r)).append('\n'));
    Files.writeString(csv, text);
    System.out.println("CSV: " + csv + "; application logs: " + out);
    return passed;
  }

  private static String[] row(String figure, Object value, String verdict) {
    return new String[] {figure, String.valueOf(value), verdict};
  }

  private static String verdict(boolean ok) {
    return ok ? "ok" : "FAIL";
  }

  private static void listSome(String what, List<String> requesters) {
    if (!requesters.isEmpty()) {
      System.out.println(what + ": " + String.join(", ", requesters.subList(0, Math.min(20, requesters.size())))
          + (requesters.size() > 20 ? ", ..." : ""));
    }
  }

  /** Acknowledgements delivered to each requester, as the mail server received them. */
  private Map<String, Integer> acknowledgements() throws Exception {
    Map<String, Integer> perRequester = new HashMap<>();
    for (MimeMessage message : mailServer.getReceivedMessages()) {
      String subject = message.getSubject();
      Address[] to = message.getRecipients(Message.RecipientType.TO);
      if (subject != null && subject.contains(ACK_SUBJECT) && to != null) {
        for (Address address : to) {
          perRequester.merge(((InternetAddress) address).getAddress().toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
      }
    }
    return perRequester;
  }

  private long count(String sql) throws SQLException {
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private void query(String sql, RowHandler handler) throws SQLException {
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        handler.handle(rows);
      }
    }
  }

  @FunctionalInterface
  private interface RowHandler {
    void handle(ResultSet row) throws SQLException;
  }

  private void log(String format, Object... args) {
    System.out.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - begin) / 1e9, String.format(Locale.ROOT, format, args));
  }
}
