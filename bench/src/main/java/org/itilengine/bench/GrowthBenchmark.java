package org.itilengine.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Does every lookup the desk makes per mail and per screen stay flat as the tables grow? Creates
 * a fresh PostgreSQL database, migrates it with the engine's own Flyway migrations, and grows the
 * same database to each size in turn (default 1,000, then 100,000, then 1,000,000 tickets, each with
 * two mails and three journal entries) with COPY, then VACUUM ANALYZE. At each size every
 * operation runs (after a warm-up) thousands of times on random rows that exist (best of three
 * passes, interleaved with a bare round trip as reference for the machine's load), with the SQL the
 * application sends (Hibernate's shape, bind parameters, server-side prepared after five uses
 * like the application's statements); the lookups are the ones {@code IndexesOnPostgresTest}
 * checks with EXPLAIN.
 *
 * <p>Usage: {@code bench/growth.sh [sizes] [--keep]}. Prints microseconds per operation (median
 * and 95th percentile) and the ratio of the median to the first size; writes
 * {@code bench/target/growth.csv}. The database {@code itil_growth} is dropped at the end unless
 * {@code --keep}.
 */
public final class GrowthBenchmark {

  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  private static final String USER = System.getenv().getOrDefault("ITIL_TEST_PG_USER", "postgres");
  private static final String DATABASE = "itil_growth";

  /** The data ends here and spreads over the year before. */
  private static final Instant NOW = Instant.now();
  private static final long YEAR_SECONDS = Duration.ofDays(365).toSeconds();
  private static final long SEED = 20_251_107L;

  private static final int SAMPLES = 20_000;
  private static final int WARM_UP = 1_000;
  private static final int REPS = 5_000;
  private static final int MIN_REPS = 20;
  /** Best of this many passes (lowest median) per operation: other load on the machine comes and goes. */
  private static final int PASSES = 3;
  private static final int ROUNDS = 20;
  private static final long MAX_MEASURE_NANOS = Duration.ofSeconds(6).toNanos();
  private static final long MAX_WARM_UP_NANOS = Duration.ofSeconds(2).toNanos();

  // ---- the statements the application sends (Hibernate 6 shape, bind parameters) ----

  private static final String TICKET_COLUMNS = "t1_0.id,t1_0.assignment_group,t1_0.case_owner,t1_0.category,"
      + "t1_0.closed_at,t1_0.closure_code,t1_0.description,t1_0.escalation_count,t1_0.first_contact_resolution,"
      + "t1_0.first_response_at,t1_0.impact,t1_0.major_incident,t1_0.opened_at,t1_0.pending_since,t1_0.priority,"
      + "t1_0.process_instance_id,t1_0.related_ticket_key,t1_0.reopen_count,t1_0.requester_email,"
      + "t1_0.requester_name,t1_0.resolution_breached,t1_0.resolution_code,t1_0.resolution_due_at,"
      + "t1_0.resolved_at,t1_0.resolved_tier,t1_0.response_breached,t1_0.response_due_at,"
      + "t1_0.satisfaction_score,t1_0.sender_email,t1_0.status,t1_0.subcategory,t1_0.tier,t1_0.title,t1_0.type,t1_0.urgency,"
      + "t1_0.version,t1_0.ticket_key";
  private static final String ENTRY_COLUMNS = "j1_0.ticket_id,j1_0.id,j1_0.author,j1_0.created_at,j1_0.kind,j1_0.text";
  private static final String MAIL_COLUMNS = "mm1_0.id,mm1_0.address,mm1_0.created_at,mm1_0.direction,"
      + "mm1_0.disposition,mm1_0.mailbox,mm1_0.message_id,mm1_0.ticket_key";

  private static final List<Op> OPERATIONS = List.of(
      // the machine's own state at the time: a round trip that touches no table
      new Op("reference: round trip (select 1)", "select 1", true, (ps, s, r) -> {
      }),
      // per mail (EmailIntake)
      new Op("thread lookup: 3 Message-IDs (findByMessageIdIn)",
          "select " + MAIL_COLUMNS + " from mail_message mm1_0 where mm1_0.message_id in (?,?,?)", true,
          (ps, s, r) -> {
            ps.setString(1, s.messageIds[r.nextInt(s.messageIds.length)]);
            ps.setString(2, s.messageIds[r.nextInt(s.messageIds.length)]);
            ps.setString(3, s.messageIds[r.nextInt(s.messageIds.length)]);
          }),
      new Op("duplicate check (existsByMessageId)",
          "select mm1_0.id from mail_message mm1_0 where mm1_0.message_id=? fetch first ? rows only", true,
          (ps, s, r) -> {
            ps.setString(1, s.messageIds[r.nextInt(s.messageIds.length)]);
            ps.setInt(2, 1);
          }),
      new Op("sender rate limit (countByAddressAndDirection..)",
          "select count(mm1_0.id) from mail_message mm1_0 where mm1_0.address=? and mm1_0.direction=?"
              + " and mm1_0.created_at>?", true,
          (ps, s, r) -> {
            ps.setString(1, s.senders[r.nextInt(s.senders.length)]);
            ps.setString(2, "IN");
            ps.setTimestamp(3, Timestamp.from(Instant.now().minus(Duration.ofHours(1))));
          }),
      new Op("ticket by key (findByKey)",
          "select " + TICKET_COLUMNS + " from ticket t1_0 where t1_0.ticket_key=?", true,
          (ps, s, r) -> ps.setString(1, s.ticketKeys[r.nextInt(s.ticketKeys.length)])),
      // per screen
      new Op("ticket + journal by key (findWithJournalByKey)",
          "select " + TICKET_COLUMNS + "," + ENTRY_COLUMNS + " from ticket t1_0 left join ticket_entry j1_0"
              + " on t1_0.id=j1_0.ticket_id where t1_0.ticket_key=? order by j1_0.created_at,j1_0.id", true,
          (ps, s, r) -> ps.setString(1, s.ticketKeys[r.nextInt(s.ticketKeys.length)])),
      new Op("journal of a ticket (lazy Ticket.journal)",
          "select " + ENTRY_COLUMNS + " from ticket_entry j1_0 where j1_0.ticket_id=?"
              + " order by j1_0.created_at,j1_0.id", true,
          (ps, s, r) -> ps.setLong(1, s.ticketIds[r.nextInt(s.ticketIds.length)])),
      new Op("thread of a mail sent (findThreadFor)",
          "select mm1_0.message_id from mail_message mm1_0 where mm1_0.ticket_key=?"
              + " and (mm1_0.address=? or mm1_0.direction='IN' and mm1_0.address=?) order by mm1_0.created_at", true,
          (ps, s, r) -> {
            ps.setString(1, s.ticketKeys[r.nextInt(s.ticketKeys.length)]);
            ps.setString(2, s.senders[r.nextInt(s.senders.length)]);
            ps.setString(3, s.senders[r.nextInt(s.senders.length)]);
          }),
      new Op("requester's tickets (findQueueOfRequester)",
          "select " + TICKET_COLUMNS + " from ticket t1_0 where t1_0.requester_email=? and t1_0.assignment_group in (?)"
              + " and t1_0.status in (?,?,?,?) order by t1_0.priority,t1_0.opened_at,t1_0.id fetch first ? rows only", true,
          (ps, s, r) -> {
            ps.setString(1, s.requesters[r.nextInt(s.requesters.length)]);
            ps.setString(2, GrowthBenchmark.GROUPS[r.nextInt(GrowthBenchmark.GROUPS.length)]);
            openStatuses(ps, 3);
            ps.setInt(7, 50);
          }),
      new Op("queue page of a group, 50 (findOpenQueue)",
          "select " + TICKET_COLUMNS + " from ticket t1_0 where t1_0.assignment_group in (?)"
              + " and t1_0.status<>'CLOSED' and t1_0.status in (?,?,?,?)"
              + " order by t1_0.priority,t1_0.opened_at,t1_0.id fetch first ? rows only", true,
          (ps, s, r) -> {
            ps.setString(1, GrowthBenchmark.GROUPS[r.nextInt(GrowthBenchmark.GROUPS.length)]);
            openStatuses(ps, 2);
            ps.setInt(6, 50);
          }),
      new Op("open-ticket gauges (TicketMetrics, open tickets)",
          "select priority, tier, count(*) from ticket where status <> 'CLOSED' group by priority, tier", false,
          (ps, s, r) -> {
          }));


  private GrowthBenchmark() {
  }

  /** The queue's default: every status but CLOSED, from parameter {@code first} on. */
  private static void openStatuses(PreparedStatement ps, int first) throws SQLException {
    for (int i = 0; i < 4; i++) {
      ps.setString(first + i, STATUSES[i]);
    }
  }

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = new ArrayList<>();
    boolean keep = false;
    for (String arg : args) {
      if (arg.equals("--keep")) {
        keep = true;
      } else if (!arg.isBlank()) {
        for (String size : arg.split(",")) {
          sizes.add(Integer.parseInt(size.strip().replace("_", "")));
        }
      }
    }
    if (sizes.isEmpty()) {
      sizes = List.of(1_000, 100_000, 1_000_000);
    }
    for (int i = 1; i < sizes.size(); i++) {
      if (sizes.get(i) <= sizes.get(i - 1)) {
        throw new IllegalArgumentException("Sizes must grow: " + sizes);
      }
    }

    String url = createDatabase();
    try {
      Flyway.configure().dataSource(url, USER, "")
          .locations("classpath:db/migration", "classpath:db/vendor/postgresql").load().migrate();
      Growth growth = new Growth(url);
      Map<Integer, Map<String, Result>> results = new LinkedHashMap<>();
      List<String> stages = new ArrayList<>();
      try (Connection connection = DriverManager.getConnection(url, USER, "")) {
        String server = scalar(connection, "show server_version");
        for (int size : sizes) {
          long start = System.nanoTime();
          growth.growTo(size);
          double fillSeconds = (System.nanoTime() - start) / 1e9;
          start = System.nanoTime();
          try (Statement sql = connection.createStatement()) {
            sql.execute("vacuum (analyze) ticket, ticket_entry, mail_message");
          }
          double analyzeSeconds = (System.nanoTime() - start) / 1e9;
          String stage = String.format(Locale.ROOT,
              "%,d tickets, %,d mails, %,d journal entries: filled in %.1f s, vacuum analyze %.1f s, database %s",
              size, count(connection, "mail_message"), count(connection, "ticket_entry"), fillSeconds,
              analyzeSeconds, scalar(connection, "select pg_size_pretty(pg_database_size(current_database()))"));
          System.out.println(stage);
          stages.add(stage);
          Samples samples = Samples.draw(connection, size);
          Map<String, Result> atSize = measureAll(connection, samples);
          for (int pass = 2; pass <= PASSES; pass++) {
            measureAll(connection, samples).forEach((name, result) -> atSize.merge(name, result,
                (best, next) -> next.medianMicros < best.medianMicros ? next : best));
          }
          atSize.forEach((name, result) -> System.out.printf(Locale.ROOT,
              "  %-52s %9.1f %9.1f us  (%d reps, %.1f rows)%n", name, result.medianMicros, result.p95Micros,
              result.reps, result.rowsPerOp));
          results.put(size, atSize);
        }
        report(server, stages, results);
      }
    } finally {
      if (keep) {
        System.out.println("Kept database " + url);
      } else {
        dropDatabase();
      }
    }
  }

  // ---- measuring ----

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement statement, Samples samples, SplittableRandom random) throws SQLException;
  }

  private record Op(String name, String sql, boolean indexed, Binder binder) {
  }

  private record Result(int reps, double medianMicros, double p95Micros, double rowsPerOp) {
  }

  /**
   * Warms every statement up, then measures in interleaved rounds (a slice of each operation per
   * round), so a passing disturbance (checkpoint, autovacuum, another process) spreads over all
   * lookups instead of spoiling one.
   */
  private static Map<String, Result> measureAll(Connection connection, Samples samples) throws SQLException {
    List<PreparedStatement> statements = new ArrayList<>();
    try {
      for (Op op : OPERATIONS) {
        statements.add(connection.prepareStatement(op.sql));
      }
      SplittableRandom random = new SplittableRandom(SEED);
      long[][] nanos = new long[OPERATIONS.size()][REPS];
      long[] rows = new long[OPERATIONS.size()];
      int[] reps = new int[OPERATIONS.size()];
      // the lookups interleaved; the gauge query (it counts every open ticket) afterwards, on its own
      for (List<Integer> group : List.of(indexesOf(op -> op.indexed), indexesOf(op -> !op.indexed))) {
        for (int o : group) {
          long warmUpEnd = System.nanoTime() + MAX_WARM_UP_NANOS;
          for (int i = 0; i < WARM_UP && (i < 5 || System.nanoTime() < warmUpEnd); i++) {
            run(statements.get(o), OPERATIONS.get(o), samples, random);
          }
        }
        for (int round = 1; round <= ROUNDS; round++) {
          for (int o : group) {
            int until = REPS * round / ROUNDS;
            int atLeast = MIN_REPS * round / ROUNDS;
            long end = System.nanoTime() + MAX_MEASURE_NANOS / ROUNDS;
            while (reps[o] < until && (reps[o] < atLeast || System.nanoTime() < end)) {
              long start = System.nanoTime();
              rows[o] += run(statements.get(o), OPERATIONS.get(o), samples, random);
              nanos[o][reps[o]++] = System.nanoTime() - start;
            }
          }
        }
      }
      Map<String, Result> results = new LinkedHashMap<>();
      for (int o = 0; o < OPERATIONS.size(); o++) {
        int n = reps[o];
        long[] sorted = Arrays.copyOf(nanos[o], n);
        Arrays.sort(sorted);
        results.put(OPERATIONS.get(o).name, new Result(n, sorted[n / 2] / 1e3,
            sorted[(int) Math.ceil(n * 0.95) - 1] / 1e3, (double) rows[o] / n));
      }
      return results;
    } finally {
      for (PreparedStatement statement : statements) {
        statement.close();
      }
    }
  }

  private static List<Integer> indexesOf(java.util.function.Predicate<Op> which) {
    List<Integer> indexes = new ArrayList<>();
    for (int o = 0; o < OPERATIONS.size(); o++) {
      if (which.test(OPERATIONS.get(o))) {
        indexes.add(o);
      }
    }
    return indexes;
  }

  /** Executes once and reads every column of every row, as the application's mapping does. */
  private static int run(PreparedStatement statement, Op op, Samples samples, SplittableRandom random)
      throws SQLException {
    op.binder.bind(statement, samples, random);
    int rows = 0;
    try (ResultSet result = statement.executeQuery()) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        for (int c = 1; c <= columns; c++) {
          result.getString(c);
        }
        rows++;
      }
    }
    return rows;
  }

  /** Random rows that exist, drawn uniformly over the whole table and shuffled. */
  private static final class Samples {
    long[] ticketIds;
    String[] ticketKeys;
    String[] requesters;
    String[] messageIds;
    String[] senders;

    static Samples draw(Connection connection, int tickets) throws SQLException {
      SplittableRandom random = new SplittableRandom(SEED + tickets);
      Samples samples = new Samples();
      List<Long> ids = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      List<String> requesters = new ArrayList<>();
      try (PreparedStatement sql = connection.prepareStatement(
          "select id, ticket_key, requester_email from ticket where id = any(?)")) {
        sql.setArray(1, connection.createArrayOf("bigint", randomIds(random, tickets)));
        try (ResultSet rows = sql.executeQuery()) {
          while (rows.next()) {
            ids.add(rows.getLong(1));
            keys.add(rows.getString(2));
            requesters.add(rows.getString(3));
          }
        }
      }
      List<String> messageIds = new ArrayList<>();
      List<String> senders = new ArrayList<>();
      try (PreparedStatement sql = connection.prepareStatement(
          "select message_id, address, direction from mail_message where id = any(?)")) {
        sql.setArray(1, connection.createArrayOf("bigint", randomIds(random, tickets * MAILS_PER_TICKET)));
        try (ResultSet rows = sql.executeQuery()) {
          while (rows.next()) {
            messageIds.add(rows.getString(1));
            if (rows.getString(3).equals("IN")) {
              senders.add(rows.getString(2));
            }
          }
        }
      }
      samples.ticketIds = shuffle(ids.stream().mapToLong(Long::longValue).toArray(), random);
      samples.ticketKeys = shuffle(keys.toArray(String[]::new), random);
      samples.requesters = shuffle(requesters.toArray(String[]::new), random);
      samples.messageIds = shuffle(messageIds.toArray(String[]::new), random);
      samples.senders = shuffle(senders.toArray(String[]::new), random);
      return samples;
    }

    private static Long[] randomIds(SplittableRandom random, long max) {
      Long[] ids = new Long[SAMPLES];
      for (int i = 0; i < SAMPLES; i++) {
        ids[i] = 1 + random.nextLong(max);
      }
      return ids;
    }

    private static long[] shuffle(long[] values, SplittableRandom random) {
      for (int i = values.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        long t = values[i];
        values[i] = values[j];
        values[j] = t;
      }
      return values;
    }

    private static String[] shuffle(String[] values, SplittableRandom random) {
      for (int i = values.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        String t = values[i];
        values[i] = values[j];
        values[j] = t;
      }
      return values;
    }
  }

  // ---- filling ----

  private static final int MAILS_PER_TICKET = 2;
  private static final int ENTRIES_PER_TICKET = 3;
  /** Requesters are drawn per block of tickets so ~20% of the addresses are distinct at every size. */
  private static final int REQUESTER_BLOCK = 1_000;
  private static final int REQUESTERS_PER_BLOCK = 200;

  private static final String[] TYPES = {"INCIDENT", "SERVICE_REQUEST", "PROBLEM", "CHANGE_REQUEST", "SECURITY_CASE"};
  private static final String[] PREFIXES = {"INC", "REQ", "PRB", "CHG", "SEC"};
  private static final int[] TYPE_WEIGHTS = {75, 20, 3, 1, 1};
  private static final String[] STATUSES = {"NEW", "IN_PROGRESS", "PENDING_REQUESTER", "RESOLVED", "CLOSED"};
  private static final int[] STATUS_WEIGHTS = {3, 10, 3, 6, 78};
  private static final String[] PRIORITIES = {"P1", "P2", "P3", "P4"};
  private static final int[] PRIORITY_WEIGHTS = {2, 10, 50, 38};
  private static final String[] LEVELS = {"HIGH", "MEDIUM", "LOW"};
  private static final String[] TIERS = {"L1", "L2", "L3", "VENDOR"};
  private static final int[] TIER_WEIGHTS = {70, 22, 7, 1};
  private static final String[] GROUPS = {"service-desk", "workplace", "network", "identity", "erp-support",
      "datacenter", "security-ops"};
  private static final String[] AGENTS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
      "ivan", "judy", "mallory", "oscar", "peggy", "trent", "victor", "walter"};
  private static final String[][] CATEGORIES = {{"Hardware", "Printer"}, {"Hardware", "Laptop"},
      {"Software", "Office"}, {"Software", "ERP"}, {"Network", "VPN"}, {"Network", "Wi-Fi"},
      {"Access", "Password reset"}, {"Access", "New account"}, {"Email", "Mailbox"}, {"Security", "Phishing"}};
  private static final String[] SUBJECTS = {"Printer on floor %d prints blank pages",
      "Laptop does not boot after update (asset %d)", "Cannot open shared spreadsheet in building %d",
      "ERP order screen times out for plant %d", "VPN drops every %d minutes", "No Wi-Fi in meeting room %d",
      "Password expired, locked out (badge %d)", "New starter needs an account, team %d",
      "Mailbox full, cannot send (quota %d MB)", "Suspicious mail asking for my password, ref %d"};
  private static final String[] FIRST = {"anna", "ben", "clara", "david", "emma", "felix", "greta", "hugo", "ida",
      "jonas", "karin", "lukas", "marie", "noah", "olga", "paul", "rosa", "sven", "tina", "uwe", "vera", "yusuf"};
  private static final String[] LAST = {"schmidt", "mueller", "garcia", "rossi", "novak", "dubois", "kowalski",
      "jensen", "silva", "nguyen", "smith", "meyer", "weber", "fischer", "wagner", "becker", "hoffmann", "schulz",
      "koch", "richter", "klein", "wolf", "neumann", "braun", "zimmermann", "krueger", "hartmann", "lange"};
  private static final String[] DOMAINS = {"example.org", "corp.example.com", "plant-a.example.net",
      "sales.example.com", "example.de", "lab.example.org"};
  private static final String FILLER = "Steps so far: restarted the device, checked the cable and tried another"
      + " account; the problem stays. It started this morning after the weekly update and blocks the team's"
      + " work on the monthly report. Screenshot attached. Please call me on my desk phone if you need more.";

  /** One ticket's values, the same whichever table is being written. */
  private static final class TicketRow {
    final long number;
    final int type;
    final int status;
    final int priority;
    final int category;
    final long requester;
    final Instant opened;
    final SplittableRandom random;

    TicketRow(long number) {
      this.number = number;
      random = new SplittableRandom(SEED * 31 + number);
      type = pick(random, TYPE_WEIGHTS);
      status = pick(random, STATUS_WEIGHTS);
      priority = pick(random, PRIORITY_WEIGHTS);
      category = random.nextInt(CATEGORIES.length);
      long block = (number - 1) / REQUESTER_BLOCK;
      requester = block * REQUESTERS_PER_BLOCK + random.nextInt(REQUESTERS_PER_BLOCK);
      opened = NOW.minusSeconds(1 + random.nextLong(YEAR_SECONDS));
    }

    String requesterEmail() {
      return FIRST[(int) (requester % FIRST.length)] + "." + LAST[(int) ((requester / FIRST.length) % LAST.length)]
          + "." + requester + "@" + DOMAINS[(int) (requester % DOMAINS.length)];
    }

    String requesterName() {
      String first = FIRST[(int) (requester % FIRST.length)];
      String last = LAST[(int) ((requester / FIRST.length) % LAST.length)];
      return Character.toUpperCase(first.charAt(0)) + first.substring(1) + " "
          + Character.toUpperCase(last.charAt(0)) + last.substring(1);
    }

    String inboundMessageId() {
      return "<CA" + Long.toHexString(mix(number)) + "." + number + "@mail." + DOMAINS[(int) (requester % DOMAINS.length)]
          + ">";
    }

    String outboundMessageId() {
      return "<" + Long.toUnsignedString(mix(~number) & 0xffffffffL) + ".1." + (opened.toEpochMilli() + 2_000)
          + "@desk.example.org>";
    }

    private static long mix(long z) {
      z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
      z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
      return z ^ (z >>> 33);
    }

    private static int pick(SplittableRandom random, int[] weights) {
      int total = 0;
      for (int w : weights) {
        total += w;
      }
      int x = random.nextInt(total);
      for (int i = 0; i < weights.length; i++) {
        x -= weights[i];
        if (x < 0) {
          return i;
        }
      }
      return weights.length - 1;
    }
  }

  /** Grows the one database; remembers the key counters between sizes. */
  private static final class Growth {
    private final String url;
    private final long[] keyCounters = new long[TYPES.length];
    private int tickets;

    Growth(String url) {
      this.url = url;
    }

    void growTo(int size) throws Exception {
      if (size <= tickets) {
        return;
      }
      int first = tickets + 1;
      String[] keys = new String[size - tickets];
      for (int n = first; n <= size; n++) {
        int type = new TicketRow(n).type;
        keys[n - first] = PREFIXES[type] + "-" + String.format(Locale.ROOT, "%06d", ++keyCounters[type]);
      }
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        // mail_message has no foreign key: it is copied on a second connection (second core) meanwhile
        Future<?> ticketsAndJournal = pool.submit(() -> {
          copy("ticket", TICKET_COPY, out -> {
            for (int n = first; n <= size; n++) {
              writeTicket(out, new TicketRow(n), keys[n - first]);
            }
          });
          copy("ticket_entry", "ticket_entry (id, ticket_id, kind, author, created_at, text)", out -> {
            for (int n = first; n <= size; n++) {
              writeEntries(out, new TicketRow(n), keys[n - first]);
            }
          });
          return null;
        });
        Future<?> mails = pool.submit(() -> {
          copy("mail_message", "mail_message (id, message_id, direction, ticket_key, mailbox, address, disposition,"
              + " created_at)", out -> {
                for (int n = first; n <= size; n++) {
                  writeMails(out, new TicketRow(n), keys[n - first]);
                }
              });
          return null;
        });
        ticketsAndJournal.get();
        mails.get();
      } finally {
        pool.shutdown();
      }
      tickets = size;
      try (Connection connection = DriverManager.getConnection(url, USER, "");
          Statement sql = connection.createStatement()) {
        for (String table : List.of("ticket", "ticket_entry", "mail_message")) {
          sql.execute("select setval(pg_get_serial_sequence('" + table + "', 'id'), (select max(id) from " + table
              + "))");
        }
        for (int t = 0; t < TYPES.length; t++) {
          sql.execute("update ticket_key_counter set last_value = " + keyCounters[t] + " where ticket_type = '"
              + TYPES[t] + "'");
        }
      }
    }

    @FunctionalInterface
    private interface Rows {
      void write(Writer out) throws IOException;
    }

    private void copy(String table, String target, Rows rows) throws Exception {
      try (Connection connection = DriverManager.getConnection(url, USER, "")) {
        try (Statement sql = connection.createStatement()) {
          sql.execute("set synchronous_commit = off");
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        try (Writer out = new BufferedWriter(new OutputStreamWriter(
            new PGCopyOutputStream(pg, "copy " + target + " from stdin", 1 << 20), StandardCharsets.UTF_8), 1 << 20)) {
          rows.write(out);
        }
      }
    }
  }

  private static final String TICKET_COPY = "ticket (id, version, ticket_key, type, title, description,"
      + " requester_email, requester_name, category, subcategory, impact, urgency, priority, tier, assignment_group,"
      + " case_owner, status, major_incident, opened_at, first_response_at, resolved_at, closed_at, response_due_at,"
      + " resolution_due_at, response_breached, resolution_breached, escalation_count, reopen_count, resolved_tier,"
      + " resolution_code, closure_code, first_contact_resolution, process_instance_id, related_ticket_key,"
      + " pending_since, satisfaction_score)";

  private static void writeTicket(Writer out, TicketRow t, String key) throws IOException {
    SplittableRandom r = t.random;
    String status = STATUSES[t.status];
    boolean resolved = status.equals("RESOLVED") || status.equals("CLOSED");
    boolean worked = !status.equals("NEW");
    int tier = TicketRow.pick(r, TIER_WEIGHTS);
    int responseMinutes = new int[] {15, 60, 240, 480}[t.priority];
    int resolutionHours = new int[] {4, 8, 24, 72}[t.priority];
    Instant firstResponse = t.opened.plusSeconds(60 + r.nextInt(responseMinutes * 90));
    Instant resolvedAt = firstResponse.plusSeconds(600 + r.nextInt(resolutionHours * 4_000));
    Instant closedAt = resolvedAt.plus(Duration.ofDays(3));
    boolean responseBreached = worked && firstResponse.isAfter(t.opened.plusSeconds(responseMinutes * 60L));
    boolean resolutionBreached = resolved && resolvedAt.isAfter(t.opened.plusSeconds(resolutionHours * 3600L));
    int escalations = tier;
    String[] category = CATEGORIES[t.category];
    String title = String.format(Locale.ROOT, SUBJECTS[t.category], 1 + r.nextInt(900));
    field(out, t.number);
    field(out, 3 + r.nextInt(12));
    field(out, key);
    field(out, TYPES[t.type]);
    field(out, title);
    field(out, "Hello, " + title.toLowerCase(Locale.ROOT) + ". " + FILLER.substring(0, 80 + r.nextInt(180)));
    field(out, t.requesterEmail());
    field(out, t.requesterName());
    field(out, category[0]);
    field(out, category[1]);
    field(out, LEVELS[Math.min(2, t.priority)]);
    field(out, LEVELS[Math.max(0, t.priority - 1)]);
    field(out, PRIORITIES[t.priority]);
    field(out, TIERS[tier]);
    field(out, GROUPS[(t.category + tier) % GROUPS.length]);
    field(out, worked ? AGENTS[r.nextInt(AGENTS.length)] : null);
    field(out, status);
    field(out, t.priority == 0 && r.nextInt(10) == 0 ? "t" : "f");
    field(out, t.opened);
    field(out, worked ? firstResponse : null);
    field(out, resolved ? resolvedAt : null);
    field(out, status.equals("CLOSED") ? closedAt : null);
    field(out, t.opened.plusSeconds(responseMinutes * 60L));
    field(out, t.opened.plusSeconds(resolutionHours * 3600L));
    field(out, responseBreached ? "t" : "f");
    field(out, resolutionBreached ? "t" : "f");
    field(out, escalations);
    field(out, resolved && r.nextInt(20) == 0 ? 1 : 0);
    field(out, resolved ? TIERS[tier] : null);
    field(out, resolved ? "FIXED" : null);
    field(out, status.equals("CLOSED") ? "CONFIRMED" : null);
    field(out, resolved ? (tier == 0 ? "t" : "f") : null);
    field(out, new UUID(r.nextLong(), r.nextLong()).toString());
    field(out, r.nextInt(50) == 0 ? key : null);
    field(out, status.equals("PENDING_REQUESTER") ? firstResponse.plusSeconds(600) : null);
    last(out, status.equals("CLOSED") && r.nextInt(4) == 0 ? 1 + r.nextInt(5) : null);
  }

  private static void writeEntries(Writer out, TicketRow t, String key) throws IOException {
    long id = (t.number - 1) * ENTRIES_PER_TICKET + 1;
    String agent = AGENTS[(int) (t.number % AGENTS.length)];
    String[][] entries = {
        {"SYSTEM", "engine", "Mailed " + t.requesterEmail() + ": [" + key + "] We have received your request"},
        {"WORK_NOTE", agent, "Checked with " + GROUPS[(int) (t.number % GROUPS.length)] + ". " + FILLER.substring(0,
            60 + (int) (t.number % 120))},
        {"PUBLIC_REPLY", agent, "Hello " + t.requesterName() + ", " + FILLER.substring(0, 100 + (int) (t.number % 150))
            + " Kind regards, " + agent}};
    for (int i = 0; i < entries.length; i++) {
      field(out, id + i);
      field(out, t.number);
      field(out, entries[i][0]);
      field(out, entries[i][1]);
      field(out, t.opened.plusSeconds(2 + i * 1_800L));
      last(out, entries[i][2]);
    }
  }

  private static void writeMails(Writer out, TicketRow t, String key) throws IOException {
    long id = (t.number - 1) * MAILS_PER_TICKET + 1;
    field(out, id);
    field(out, t.inboundMessageId());
    field(out, "IN");
    field(out, key);
    field(out, "servicedesk");
    field(out, t.requesterEmail());
    field(out, "NEW_TICKET");
    last(out, t.opened);
    field(out, id + 1);
    field(out, t.outboundMessageId());
    field(out, "OUT");
    field(out, key);
    field(out, null);
    field(out, t.requesterEmail());
    field(out, "SENT");
    last(out, t.opened.plusSeconds(2));
  }

  private static void field(Writer out, Object value) throws IOException {
    text(out, value);
    out.write('\t');
  }

  private static void last(Writer out, Object value) throws IOException {
    text(out, value);
    out.write('\n');
  }

  /** COPY text format: \N is null; backslash, tab and newline escaped. */
  private static void text(Writer out, Object value) throws IOException {
    if (value == null) {
      out.write("\\N");
      return;
    }
    String s = value.toString();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.write("\\\\");
        case '\t' -> out.write("\\t");
        case '\n' -> out.write("\\n");
        case '\r' -> out.write("\\r");
        default -> out.write(c);
      }
    }
  }

  // ---- database and report ----

  private static String createDatabase() throws SQLException {
    try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "");
        Statement sql = admin.createStatement()) {
      sql.execute("drop database if exists " + DATABASE + " with (force)");
      sql.execute("create database " + DATABASE);
    }
    return SERVER + DATABASE;
  }

  private static void dropDatabase() throws SQLException {
    try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "");
        Statement sql = admin.createStatement()) {
      sql.execute("drop database if exists " + DATABASE + " with (force)");
    }
  }

  private static long count(Connection connection, String table) throws SQLException {
    return Long.parseLong(scalar(connection, "select count(*) from " + table));
  }

  private static String scalar(Connection connection, String query) throws SQLException {
    try (Statement sql = connection.createStatement(); ResultSet row = sql.executeQuery(query)) {
      row.next();
      return row.getString(1);
    }
  }

  private static void report(String server, List<String> stages, Map<Integer, Map<String, Result>> results)
      throws IOException {
    List<Integer> sizes = new ArrayList<>(results.keySet());
    int base = sizes.get(0);
    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT, "%nPostgreSQL %s, %d cores; us per operation: median / p95 (median ÷ median at"
        + " %,d tickets)%n", server, Runtime.getRuntime().availableProcessors(), base));
    table.append(String.format(Locale.ROOT, "%-52s", "operation \\ tickets"));
    for (int size : sizes) {
      table.append(String.format(Locale.ROOT, " %26s", String.format(Locale.ROOT, "%,d", size)));
    }
    table.append('\n');
    StringBuilder csv = new StringBuilder("tickets,operation,indexed,reps,rows_per_op,median_us,p95_us,ratio_median\n");
    for (Op op : OPERATIONS) {
      table.append(String.format(Locale.ROOT, "%-52s", op.name));
      double baseMedian = results.get(base).get(op.name).medianMicros;
      for (int size : sizes) {
        Result r = results.get(size).get(op.name);
        double ratio = r.medianMicros / baseMedian;
        table.append(String.format(Locale.ROOT, " %26s",
            String.format(Locale.ROOT, "%s / %s (%.2f)", micros(r.medianMicros), micros(r.p95Micros), ratio)));
        csv.append(String.format(Locale.ROOT, "%d,\"%s\",%b,%d,%.1f,%.1f,%.1f,%.3f%n", size, op.name, op.indexed,
            r.reps, r.rowsPerOp, r.medianMicros, r.p95Micros, ratio));
      }
      table.append('\n');
    }
    System.out.println(table);
    Path csvFile = (Files.exists(Path.of("bench", "pom.xml")) ? Path.of("bench", "target") : Path.of("target"))
        .resolve("growth.csv");
    Files.createDirectories(csvFile.getParent());
    Files.writeString(csvFile, csv);
    Files.writeString(csvFile.resolveSibling("growth.txt"), String.join("\n", stages) + "\n" + table);
    System.out.println("CSV: " + csvFile.toAbsolutePath());
  }

  private static String micros(double value) {
    return value >= 10_000 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.0f", value);
  }
}
