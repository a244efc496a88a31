package org.itilengine.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The statements a piece of work sends to H2, by kind and table ("insert ACT_HI_DETAIL",
 * "commit"), with the time H2 spent executing them, from H2's own query statistics. Shows where
 * the database part of the time goes without a profiler; the statistics slow the work down, so
 * this runs apart from the timed rounds.
 */
final class H2Statements {

  record Tally(long count, double millis) {
  }

  private static final Pattern TABLE = Pattern.compile("(?i)\\b(?:into|from|update)\\s+\"?(\\w+)");

  private H2Statements() {
  }

  static Map<String, Tally> during(JdbcTemplate jdbc, Runnable work) {
    jdbc.execute("SET QUERY_STATISTICS FALSE"); // clears what an earlier call gathered
    jdbc.execute("SET QUERY_STATISTICS_MAX_ENTRIES 10000");
    jdbc.execute("SET QUERY_STATISTICS TRUE");
    work.run();
    Map<String, Tally> tallies = new TreeMap<>();
    jdbc.query("select SQL_STATEMENT, EXECUTION_COUNT, CUMULATIVE_EXECUTION_TIME from INFORMATION_SCHEMA.QUERY_STATISTICS",
        row -> {
          String sql = row.getString(1).trim();
          if (sql.contains("QUERY_STATISTICS")) {
            return;
          }
          Matcher table = TABLE.matcher(sql);
          String kind = sql.split("\\s+", 2)[0].toLowerCase(Locale.ROOT)
              + (table.find() ? " " + table.group(1).toUpperCase(Locale.ROOT) : "");
          tallies.merge(kind, new Tally(row.getLong(2), row.getDouble(3)),
              (a, b) -> new Tally(a.count + b.count, a.millis + b.millis));
        });
    jdbc.execute("SET QUERY_STATISTICS FALSE");
    return tallies;
  }

  static Tally total(Map<String, Tally> tallies) {
    return tallies.values().stream().reduce(new Tally(0, 0), (a, b) -> new Tally(a.count + b.count, a.millis + b.millis));
  }
}
