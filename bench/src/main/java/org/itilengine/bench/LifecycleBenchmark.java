package org.itilengine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.itilengine.ItilEngineApplication;
import org.itilengine.bench.H2Statements.Tally;
import org.itilengine.connectors.notification.Notification;
import org.itilengine.connectors.notification.NotificationGateway;
import org.itilengine.incident.IncidentProcess;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Full incident lifecycles per second (report, priority DMN, SLA, acknowledgement, triage,
 * resolution mail, confirmation, closure, full history) next to a bare BPMN with the same wait
 * states (two async steps, one user task, one message) and no ITSM logic, on the same engine in
 * the same run; plus start-up time and resident memory. The job executor is off and the jobs are
 * executed in line, so both sides do exactly their own work.
 * Usage: bench/lifecycle.sh [count] [h2|postgres] [--spring.property=value ...] (the properties
 * compare settings, e.g. the history level). Prints a table and writes target/lifecycle.csv; on H2
 * also the statements each lifecycle sends, by kind and table.
 */
public final class LifecycleBenchmark {

  private static final String BARE_KEY = "benchBareLifecycle";

  private LifecycleBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    String database = args.length > 1 ? args[1] : "h2";
    if (!database.equals("h2") && !database.equals("postgres")) {
      throw new IllegalArgumentException("Usage: bench/lifecycle.sh [count] [h2|postgres] [--spring.property=value ...]");
    }
    List<String> settings = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
    long startNanos = System.nanoTime();
    ConfigurableApplicationContext app = start(database, settings);
    double startupSeconds = (System.nanoTime() - startNanos) / 1e9;
    try {
      RuntimeService runtime = app.getBean(RuntimeService.class);
      TaskService tasks = app.getBean(TaskService.class);
      ManagementService management = app.getBean(ManagementService.class);
      deployBare(app.getBean(RepositoryService.class));
      long rssIdle = residentBytes();

      Lifecycle bare = i -> {
        ProcessInstance instance = runtime.startProcessInstanceByKey(BARE_KEY, "bare-" + i);
        runJobs(management, instance);
        completeOnlyTask(tasks, instance);
        runJobs(management, instance);
        runtime.createMessageCorrelation("BenchConfirmed").processInstanceId(instance.getId()).correlate();
      };
      Lifecycle incident = i -> {
        ProcessInstance instance = runtime.startProcessInstanceByKey(IncidentProcess.KEY, Variables.createVariables()
            .putValue("requesterEmail", "requester" + (i % 500) + "@example.org").putValue("title", "Printer " + i)
            .putValue("description", "E-42").putValue("impact", "MEDIUM").putValue("urgency", "MEDIUM"));
        runJobs(management, instance);
        Task triage = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        tasks.setAssignee(triage.getId(), "alice");
        runJobs(management, null); // the case owner mail runs in its own small process
        tasks.complete(triage.getId(), Variables.createVariables().putValue("categoryPath", "Hardware / Printer")
            .putValue("outcome", "RESOLVED").putValue("resolutionCode", "FIXED")
            .putValue("resolutionNotes", "Replaced the toner cartridge; prints again."));
        runJobs(management, instance);
        runtime.createMessageCorrelation(IncidentProcess.MESSAGE_RESOLUTION_CONFIRMED)
            .processInstanceId(instance.getId()).setVariable("requesterConfirmed", true).correlate();
      };

      NotificationGateway mail = app.getBean(NotificationGateway.class);
      Lifecycle oneMail = i -> mail.send(new Notification("INC-BENCH", List.of("requester" + (i % 500) + "@example.org"),
          "[INC-BENCH] mail " + i, "Benchmark mail."));

      time(bare, count / 5);
      time(incident, count / 5);
      time(oneMail, count / 5);
      int perRound = Rounds.perRound(count);
      Rounds rounds = new Rounds();
      long[] cpu = new long[2]; // this thread's CPU time in the rounds, bare and incident
      for (int round = 0; round < Rounds.COUNT; round++) {
        long before = Rounds.threadCpu();
        long bareNanos = time(bare, perRound);
        long between = Rounds.threadCpu();
        long incidentNanos = time(incident, perRound);
        cpu[0] += between - before;
        cpu[1] += Rounds.threadCpu() - between;
        rounds.add(bareNanos, incidentNanos);
      }
      long mailNanos = time(oneMail, perRound * Rounds.COUNT);
      report(perRound * Rounds.COUNT, database, rounds, cpu, mailNanos, startupSeconds, rssIdle);
      if (database.equals("h2")) {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        reportStatements(perRound, H2Statements.during(jdbc, () -> time(bare, perRound)),
            H2Statements.during(jdbc, () -> time(incident, perRound)));
      }
    } finally {
      app.close();
    }
  }

  @FunctionalInterface
  private interface Lifecycle {
    void run(int i);
  }

  private static long time(Lifecycle lifecycle, int count) {
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      lifecycle.run(i);
    }
    return System.nanoTime() - start;
  }

  private static ConfigurableApplicationContext start(String database, List<String> settings) throws Exception {
    int[] ports = BenchPorts.free(3);
    List<String> args = new ArrayList<>(List.of(
        "--camunda.bpm.job-execution.enabled=false",
        "--itil.mail.embedded.imap-port=" + ports[0],
        "--itil.mail.embedded.smtp-port=" + ports[1],
        "--itil.directory.embedded.port=" + ports[2],
        "--server.port=0",
        "--logging.level.root=WARN"));
    if (database.equals("postgres")) {
      String url = "jdbc:postgresql://127.0.0.1:5432/itil_bench";
      try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
          Statement sql = admin.createStatement()) {
        sql.execute("drop database if exists itil_bench with (force)");
        sql.execute("create database itil_bench");
      }
      args.add("--spring.profiles.active=postgres,default");
      args.add("--spring.datasource.url=" + url);
    } else {
      args.add(SpringArguments.h2InMemory("lifecycle-bench"));
    }
    return new SpringApplication(ItilEngineApplication.class).run(SpringArguments.of(args, settings));
  }

  /** Same wait states as an incident worked by L1: two async steps, one user task, one message. */
  private static void deployBare(RepositoryService repository) {
    BpmnModelInstance bare = Bpmn.createExecutableProcess(BARE_KEY).camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask("Task_First").camundaAsyncBefore().camundaExpression("${true}")
        .userTask("Task_Work")
        .serviceTask("Task_Second").camundaAsyncBefore().camundaExpression("${true}")
        .intermediateCatchEvent("Message_Confirmed").message("BenchConfirmed")
        .endEvent().done();
    repository.createDeployment().addModelInstance("bench-lifecycle.bpmn", bare).deploy();
  }

  private static void runJobs(ManagementService management, ProcessInstance instance) {
    for (;;) {
      var query = management.createJobQuery().messages();
      List<Job> jobs = instance == null ? query.list() : query.processInstanceId(instance.getId()).list();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
  }

  private static void completeOnlyTask(TaskService tasks, ProcessInstance instance) {
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId());
  }

  private static long residentBytes() throws IOException {
    System.gc();
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    return -1;
  }

  private static void report(int count, String database, Rounds rounds, long[] cpu, long mailNanos, double startup,
      long rss) throws IOException {
    double bareRate = count / (rounds.bareNanos() / 1e9);
    double incidentRate = count / (rounds.measuredNanos() / 1e9);
    double mail = mailNanos / 1e9;
    System.out.printf(Locale.ROOT, "%n%-52s %10s %10s%n", "lifecycle (" + count + " each, " + database + ")",
        "per second", "ms each");
    System.out.printf(Locale.ROOT, "%-52s %10.1f %10.2f%n", "bare BPMN, same wait states", bareRate, 1000 / bareRate);
    System.out.printf(Locale.ROOT, "%-52s %10.1f %10.2f%n", "incident: report .. confirm .. close (ITSM)",
        incidentRate, 1000 / incidentRate);
    System.out.printf(Locale.ROOT, "%-52s %10.1f %10.2f%n", "  of which: one mail over SMTP (3 per lifecycle)",
        count / mail, 1000 * mail / count);
    System.out.printf(Locale.ROOT, "%-52s %9.2fx%n", "cost of the ITSM layer relative to bare", bareRate / incidentRate);
    System.out.printf(Locale.ROOT, "%-52s %s%n", "  median of " + Rounds.COUNT + " alternating rounds",
        rounds.describe());
    // The jobs run on this thread, so its CPU clock holds most of the work (not the embedded mail
    // server receiving the mails, nor the collector), and unlike the wall clock it does not count
    // the time this thread waited for a core on a busy machine.
    System.out.printf(Locale.ROOT, "%-52s %9.2fx  (%.2f ms against %.2f ms)%n", "the same in this thread's CPU time",
        cpu[1] / (double) cpu[0], cpu[1] / 1e6 / count, cpu[0] / 1e6 / count);
    System.out.printf(Locale.ROOT, "%-52s %9.1f s%n", "start-up to ready (in this JVM)", startup);
    System.out.printf(Locale.ROOT, "%-52s %9d MiB%n%n", "resident memory after start-up (this JVM)", rss >> 20);
    Path csv = Path.of("target", "lifecycle.csv");
    Files.createDirectories(csv.getParent());
    Files.writeString(csv, String.format(Locale.ROOT,
        "database,operation,count,per_second%n%s,bare_lifecycle,%d,%.1f%n%s,incident_lifecycle,%d,%.1f%n"
            + "%s,ratio,,%.2f%n%s,median_round_ratio,,%.2f%n%s,cpu_ratio,,%.2f%n%s,startup_seconds,,%.1f%n"
            + "%s,rss_mib,,%d%n",
        database, count, bareRate, database, count, incidentRate, database, bareRate / incidentRate,
        database, rounds.medianRatio(), database, cpu[1] / (double) cpu[0],
        database, startup, database, rss >> 20));
    System.out.println("CSV: " + csv.toAbsolutePath());
  }

  /** The SQL behind both lifecycles, and the tables the incident writes most. */
  private static void reportStatements(int count, Map<String, Tally> bare, Map<String, Tally> incident)
      throws IOException {
    Tally bareTotal = H2Statements.total(bare);
    Tally incidentTotal = H2Statements.total(incident);
    System.out.printf(Locale.ROOT, "%-52s %10s %10s%n", "SQL per lifecycle (H2 query statistics, " + count + " each)",
        "bare", "incident");
    System.out.printf(Locale.ROOT, "%-52s %10.1f %10.1f%n", "statements", bareTotal.count() / (double) count,
        incidentTotal.count() / (double) count);
    System.out.printf(Locale.ROOT, "%-52s %10.2f %10.2f%n", "  ms H2 spent executing them", bareTotal.millis() / count,
        incidentTotal.millis() / count);
    incident.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.comparingLong(Tally::count).reversed()))
        .limit(12).forEach(kind -> System.out.printf(Locale.ROOT, "%-52s %10.1f %10.1f%n", "  " + kind.getKey(),
            bare.getOrDefault(kind.getKey(), new Tally(0, 0)).count() / (double) count,
            kind.getValue().count() / (double) count));
    Files.writeString(Path.of("target", "lifecycle.csv"), String.format(Locale.ROOT,
        "h2,bare_statements_per_lifecycle,%d,%.1f%nh2,incident_statements_per_lifecycle,%d,%.1f%n",
        count, bareTotal.count() / (double) count, count, incidentTotal.count() / (double) count),
        StandardOpenOption.APPEND);
  }
}
