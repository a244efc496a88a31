package org.itilengine.bench;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.itilengine.ItilEngineApplication;
import org.itilengine.connectors.mail.EmbeddedMailServer;
import org.itilengine.connectors.mail.MailProperties;
import org.itilengine.connectors.mail.MailboxReaders;
import org.itilengine.incident.IncidentProcess;
import org.itilengine.ticket.Level;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Mails to incidents per second through the real IMAP path (embedded GreenMail, H2), next to bare
 * {@code startProcessInstanceByKey} of a one-task process and to the incident process started
 * directly with the same variables, all on the same engine in the same run. The last one splits
 * the cost: what the incident process itself writes, and what the email channel adds on top.
 * Every phase starts with the job executor idle, so acknowledgements still being sent for one
 * phase never slow down the next. Usage: bench/intake.sh [mails] [--spring.property=value ...]
 * (default 2000 mails; the properties compare settings, e.g. the history level). Prints a table
 * and writes bench/target/intake.csv.
 */
public final class IntakeBenchmark {

  private static final String BARE_KEY = "benchBareOneTask";
  private static final int ROW_SAMPLE = 100;
  /** A bare start takes well under a millisecond: each round runs this many times more of them. */
  private static final int BARE_FACTOR = 20;

  private final ConfigurableApplicationContext app;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final MailboxReaders readers;
  private final JdbcTemplate jdbc;
  private final String runId = UUID.randomUUID().toString();
  private int batches;

  private IntakeBenchmark(ConfigurableApplicationContext app) {
    this.app = app;
    this.runtime = app.getBean(RuntimeService.class);
    this.management = app.getBean(ManagementService.class);
    this.readers = app.getBean(MailboxReaders.class);
    this.jdbc = app.getBean(JdbcTemplate.class);
  }

  public static void main(String[] args) throws Exception {
    List<String> arguments = List.of(args);
    boolean countGiven = !arguments.isEmpty() && !arguments.get(0).startsWith("--");
    int mails = countGiven ? Integer.parseInt(arguments.get(0)) : 2000;
    try (ConfigurableApplicationContext app = start(arguments.subList(countGiven ? 1 : 0, arguments.size()))) {
      new IntakeBenchmark(app).run(mails);
    }
  }

  private void run(int mails) throws Exception {
    deployBareProcess(app.getBean(RepositoryService.class));
    int warmup = Math.max(50, mails / 10);
    startBare(warmup * 5);
    startDirect(warmup);
    drain();
    intake(warmup);
    drain();
    Map<String, Double> bareRows = rowsPerInstance(() -> startBare(ROW_SAMPLE));
    Map<String, Double> directRows = rowsPerInstance(() -> startDirect(ROW_SAMPLE));
    Map<String, Double> mailRows = rowsPerInstance(() -> intake(ROW_SAMPLE));

    int perRound = Rounds.perRound(mails);
    Rounds mailVsBare = new Rounds();
    Rounds directVsBare = new Rounds();
    Rounds mailVsDirect = new Rounds();
    long directDone = 0;
    long mailDone = 0;
    long[] startCpu = new long[2]; // the calling thread's CPU time: bare (per perRound starts), direct
    for (int round = 0; round < Rounds.COUNT; round++) {
      long cpu = Rounds.threadCpu();
      long bare = startBare(perRound * BARE_FACTOR) / BARE_FACTOR; // time for perRound starts
      startCpu[0] += (Rounds.threadCpu() - cpu) / BARE_FACTOR;
      cpu = Rounds.threadCpu();
      long direct = startDirect(perRound);
      startCpu[1] += Rounds.threadCpu() - cpu;
      directDone += direct + drain();
      long mail = intake(perRound);
      mailDone += mail + drain();
      mailVsBare.add(bare, mail);
      directVsBare.add(bare, direct);
      mailVsDirect.add(direct, mail);
    }
    report(perRound * Rounds.COUNT, mailVsBare, directVsBare, mailVsDirect, directDone, mailDone,
        new double[] {total(bareRows), total(directRows), total(mailRows)});
    // Wall time per start minus the caller's own CPU is time spent waiting for a core: the job
    // executor sending acknowledgements, the JIT and the collector share the machine with it.
    int starts = perRound * Rounds.COUNT;
    System.out.printf(Locale.ROOT, "calling thread's CPU per start: bare %.2f ms, incident started directly %.2f ms (%.1fx)%n%n",
        startCpu[0] / 1e6 / starts, startCpu[1] / 1e6 / starts, startCpu[1] / (double) startCpu[0]);
    System.out.println("rows one incident started directly adds, by table (jobs done):");
    directRows.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> System.out.printf(Locale.ROOT, "  %-28s %6.1f%n", e.getKey(), e.getValue()));
  }

  private static ConfigurableApplicationContext start(List<String> settings) throws IOException {
    int[] ports = BenchPorts.free(3);
    // Command-line arguments outrank application.yml: never touch the demo database in ./data.
    return new SpringApplication(ItilEngineApplication.class).run(SpringArguments.of(List.of(
        SpringArguments.h2InMemory("intake-bench"),
        "--itil.mail.embedded.imap-port=" + ports[0],
        "--itil.mail.embedded.smtp-port=" + ports[1],
        "--itil.directory.embedded.port=" + ports[2],
        "--itil.email.max-mails-per-sender-per-hour=" + Integer.MAX_VALUE,
        "--server.port=0",
        "--logging.level.root=WARN"), settings));
  }

  private static void deployBareProcess(RepositoryService repository) {
    BpmnModelInstance bare = Bpmn.createExecutableProcess(BARE_KEY).camundaHistoryTimeToLive(1)
        .startEvent().userTask("Task_Work").endEvent().done();
    repository.createDeployment().addModelInstance("bench-bare.bpmn", bare).deploy();
  }

  private long startBare(int count) {
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      runtime.startProcessInstanceByKey(BARE_KEY, "bare-" + i);
    }
    return System.nanoTime() - start;
  }

  /** The incident process started by its message with the variables a mail gives it; no mail. */
  private long startDirect(int count) {
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      VariableMap variables = Variables.createVariables();
      IncidentProcess.REQUESTER_EMAIL.putIn(variables, "requester" + (i % 500) + "@example.org");
      IncidentProcess.TITLE.putIn(variables, "Printer " + i + " does not print");
      IncidentProcess.DESCRIPTION.putIn(variables, "Printer " + i + " shows error E-42.\r\n");
      IncidentProcess.REQUESTER_MESSAGE_ID.putIn(variables, "<direct-" + i + "-" + runId + "@bench.example.org>");
      IncidentProcess.IMPACT.putIn(variables, Level.MEDIUM);
      IncidentProcess.URGENCY.putIn(variables, Level.MEDIUM);
      runtime.createMessageCorrelation(IncidentProcess.MESSAGE_INCIDENT_REPORTED).setVariables(variables)
          .correlateStartMessage();
    }
    return System.nanoTime() - start;
  }

  /** Delivers the mails while the readers are stopped, then times the readers taking them in. */
  private long intake(int count) throws Exception {
    MailProperties settings = app.getBean(MailProperties.class);
    var desk = app.getBean(EmbeddedMailServer.class).greenMail().getUserManager().getUser(settings.deskAddress());
    readers.stop();
    long before = inbound();
    Session session = Session.getInstance(new Properties());
    int batch = ++batches;
    for (int i = 0; i < count; i++) {
      String raw = "From: requester" + (i % 500) + "@example.org\r\nTo: " + settings.deskAddress()
          + "\r\nSubject: Printer " + i + " does not print\r\nMessage-ID: <" + batch + "-" + i + "-" + runId
          + "@bench.example.org>\r\n"
          + "Content-Type: text/plain; charset=UTF-8\r\n\r\nPrinter " + i + " shows error E-42.\r\n";
      desk.deliver(new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }
    long start = System.nanoTime();
    readers.start();
    long deadline = start + TimeUnit.MINUTES.toNanos(30);
    while (inbound() < before + count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + (inbound() - before) + " of " + count + " mails taken");
      }
      Thread.sleep(5);
    }
    return System.nanoTime() - start;
  }

  /** Only the mails taken in: the acknowledgements the desk sends meanwhile are recorded too. */
  private long inbound() {
    return jdbc.queryForObject("select count(*) from mail_message where direction = 'IN'", Long.class);
  }

  /** Waits until no job is due (acknowledgements sent, tasks queued); returns how long that took. */
  private long drain() throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.MINUTES.toNanos(30);
    while (management.createJobQuery().executable().count() > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(management.createJobQuery().executable().count() + " jobs still due");
      }
      Thread.sleep(5);
    }
    return System.nanoTime() - start;
  }

  @FunctionalInterface
  private interface Phase {
    long run() throws Exception;
  }

  /** Rows added per table by ROW_SAMPLE instances of a phase, jobs included, per instance. */
  private Map<String, Double> rowsPerInstance(Phase phase) throws Exception {
    Map<String, Long> before = rowsByTable();
    phase.run();
    drain();
    Map<String, Double> added = new TreeMap<>();
    rowsByTable().forEach((table, rows) -> {
      long delta = rows - before.getOrDefault(table, 0L);
      if (delta != 0) {
        added.put(table, delta / (double) ROW_SAMPLE);
      }
    });
    return added;
  }

  private Map<String, Long> rowsByTable() {
    List<String> tables = jdbc.queryForList(
        "select table_name from information_schema.tables where table_schema = 'PUBLIC'", String.class);
    Map<String, Long> rows = new TreeMap<>();
    tables.forEach(t -> rows.put(t, jdbc.queryForObject("select count(*) from \"" + t + "\"", Long.class)));
    return rows;
  }

  private static double total(Map<String, Double> rowsByTable) {
    return rowsByTable.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  private static void report(int count, Rounds mailVsBare, Rounds directVsBare, Rounds mailVsDirect,
      long directDone, long mailDone, double[] rows) throws IOException {
    double bare = rate(count, mailVsBare.bareNanos());
    double direct = rate(count, directVsBare.measuredNanos());
    double mail = rate(count, mailVsBare.measuredNanos());
    double directAll = rate(count, directDone);
    double mailAll = rate(count, mailDone);
    System.out.printf(Locale.ROOT, "%n%-60s %10s %9s %6s%n", "operation (" + count + " each, same engine, H2)",
        "per second", "ms each", "rows");
    line("bare startProcessInstanceByKey (1 user task)", bare, rows[0]);
    line("incident process started directly (same variables, no mail)", direct, rows[1]);
    line("  the same until its jobs are done (ack mailed, task queued)", directAll, Double.NaN);
    line("mail -> incident (IMAP, parse, dedupe, start, record)", mail, rows[2]);
    line("  the same until its jobs are done (ack mailed, task queued)", mailAll, Double.NaN);
    System.out.printf(Locale.ROOT, "%-60s %9.2fx  median of %d rounds %s%n", "mail -> incident relative to a bare start",
        bare / mail, Rounds.COUNT, mailVsBare.describe());
    System.out.printf(Locale.ROOT, "%-60s %9.2fx  median %s%n", "incident started directly relative to a bare start",
        bare / direct, directVsBare.describe());
    System.out.printf(Locale.ROOT, "%-60s %9.2fx  median %s%n%n", "mail -> incident relative to the direct start",
        direct / mail, mailVsDirect.describe());
    Path csv = Path.of("target", "intake.csv");
    Files.createDirectories(csv.getParent());
    Files.writeString(csv, String.format(Locale.ROOT, "operation,count,per_second,rows_per_instance%n"
        + "bare_start,%d,%.1f,%.1f%nincident_direct_start,%d,%.1f,%.1f%nincident_direct_jobs_done,%d,%.1f,%n"
        + "mail_intake,%d,%.1f,%.1f%nmail_intake_jobs_done,%d,%.1f,%n"
        + "ratio_mail_to_bare,,%.2f,%nmedian_round_ratio_mail_to_bare,,%.2f,%nratio_mail_to_direct,,%.2f,%n",
        count, bare, rows[0], count, direct, rows[1], count, directAll, count, mail, rows[2], count, mailAll,
        bare / mail, mailVsBare.medianRatio(), direct / mail));
    System.out.println("CSV: " + csv.toAbsolutePath());
  }

  private static double rate(int count, long nanos) {
    return count / (nanos / 1e9);
  }

  private static void line(String operation, double perSecond, double rows) {
    System.out.printf(Locale.ROOT, "%-60s %10.1f %9.2f %6s%n", operation, perSecond, 1000 / perSecond,
        Double.isNaN(rows) ? "" : String.format(Locale.ROOT, "%.0f", rows));
  }
}
