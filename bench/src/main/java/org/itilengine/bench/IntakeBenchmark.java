package org.itilengine.bench;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.itilengine.ItilEngineApplication;
import org.itilengine.connectors.mail.EmbeddedMailServer;
import org.itilengine.connectors.mail.MailProperties;
import org.itilengine.connectors.mail.MailboxReaders;
import org.itilengine.email.MailDirection;
import org.itilengine.email.MailMessageRepository;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Mails to incidents per second through the real IMAP path (embedded GreenMail, H2), next to bare
 * {@code startProcessInstanceByKey} of a one-task process on the same engine in the same run.
 * Usage: bench/intake.sh [mails] (default 2000). Prints a table and writes bench/target/intake.csv.
 */
public final class IntakeBenchmark {

  private static final String BARE_KEY = "benchBareOneTask";

  private IntakeBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int mails = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int warmup = Math.max(50, mails / 10);
    ConfigurableApplicationContext app = start();
    try {
      RuntimeService runtime = app.getBean(RuntimeService.class);
      deployBareProcess(app.getBean(RepositoryService.class));

      MailboxReaders readers = app.getBean(MailboxReaders.class);
      MailMessageRepository records = app.getBean(MailMessageRepository.class);
      startBare(runtime, warmup);
      intake(app, readers, records, warmup, "warmup");
      int perRound = Rounds.perRound(mails);
      Rounds rounds = new Rounds();
      for (int round = 0; round < Rounds.COUNT; round++) {
        long bare = startBare(runtime, perRound);
        rounds.add(bare, intake(app, readers, records, perRound, "run" + round));
      }

      report(perRound * Rounds.COUNT, rounds);
    } finally {
      app.close();
    }
  }

  private static ConfigurableApplicationContext start() throws IOException {
    int[] ports = BenchPorts.free(3);
    // Command-line arguments outrank application.yml: never touch the demo database in ./data.
    return new SpringApplication(ItilEngineApplication.class).run(
        "--spring.datasource.url=jdbc:h2:mem:intake-bench;DB_CLOSE_DELAY=-1",
        "--itil.mail.embedded.imap-port=" + ports[0],
        "--itil.mail.embedded.smtp-port=" + ports[1],
        "--itil.directory.embedded.port=" + ports[2],
        "--itil.email.max-mails-per-sender-per-hour=" + Integer.MAX_VALUE,
        "--server.port=0",
        "--logging.level.root=WARN");
  }

  private static void deployBareProcess(RepositoryService repository) {
    BpmnModelInstance bare = Bpmn.createExecutableProcess(BARE_KEY).camundaHistoryTimeToLive(1)
        .startEvent().userTask("Task_Work").endEvent().done();
    repository.createDeployment().addModelInstance("bench-bare.bpmn", bare).deploy();
  }

  private static long startBare(RuntimeService runtime, int count) {
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      runtime.startProcessInstanceByKey(BARE_KEY, "bare-" + i);
    }
    return System.nanoTime() - start;
  }

  /** Delivers the mails while the readers are stopped, then times the readers draining them. */
  private static long intake(ConfigurableApplicationContext app, MailboxReaders readers, MailMessageRepository records,
      int count, String batch) throws Exception {
    MailProperties settings = app.getBean(MailProperties.class);
    var desk = app.getBean(EmbeddedMailServer.class).greenMail().getUserManager().getUser(settings.deskAddress());
    readers.stop();
    long before = records.count();
    Session session = Session.getInstance(new Properties());
    String runId = java.util.UUID.randomUUID().toString();
    for (int i = 0; i < count; i++) {
      String raw = "From: requester" + (i % 500) + "@example.org\r\nTo: " + settings.deskAddress()
          + "\r\nSubject: Printer " + i + " does not print\r\nMessage-ID: <" + batch + "-" + i + "-" + runId
          + "@bench.example.org>\r\n"
          + "Content-Type: text/plain; charset=UTF-8\r\n\r\nPrinter " + i + " shows error E-42.\r\n";
      desk.deliver(new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }
    long start = System.nanoTime();
    readers.start();
    long deadline = start + java.util.concurrent.TimeUnit.MINUTES.toNanos(30);
    while (records.count() < before + count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + (records.count() - before) + " of " + count + " mails taken");
      }
      Thread.sleep(20);
    }
    return System.nanoTime() - start;
  }

  private static void report(int mails, Rounds rounds) throws IOException {
    double bareRate = mails / (rounds.bareNanos() / 1e9);
    double intakeRate = mails / (rounds.measuredNanos() / 1e9);
    double ratio = bareRate / intakeRate;
    System.out.printf(Locale.ROOT, "%n%-46s %10s %12s%n", "operation (" + mails + " each, same engine, H2)",
        "per second", "ms each");
    System.out.printf(Locale.ROOT, "%-46s %10.1f %12.2f%n", "bare startProcessInstanceByKey (1 user task)",
        bareRate, 1000 / bareRate);
    System.out.printf(Locale.ROOT, "%-46s %10.1f %12.2f%n", "mail -> incident (IMAP, parse, DMN, SLA, record)",
        intakeRate, 1000 / intakeRate);
    System.out.printf(Locale.ROOT, "%-46s %10.2fx%n", "cost of intake relative to a bare start", ratio);
    System.out.printf(Locale.ROOT, "%-46s %s%n%n", "  median of " + Rounds.COUNT + " alternating rounds",
        rounds.describe());
    Path csv = Path.of("target", "intake.csv");
    Files.createDirectories(csv.getParent());
    Files.writeString(csv, String.format(Locale.ROOT,
        "operation,count,per_second%nbare_start,%d,%.1f%nmail_intake,%d,%.1f%nratio,,%.2f%nmedian_round_ratio,,%.2f%n",
        mails, bareRate, mails, intakeRate, ratio, rounds.medianRatio()));
    System.out.println("CSV: " + csv.toAbsolutePath());
  }
}
