package org.itilengine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The lifecycle on PostgreSQL (127.0.0.1:5432, the CI database) with the postgres profile, in a
 * fresh database per test JVM so parallel builds do not meet.
 */
@ActiveProfiles({"postgres", "default"})
@EnabledIf(value = "postgresAnswers", disabledReason = "no PostgreSQL at 127.0.0.1:5432")
class IncidentLifecycleOnPostgresTest extends AbstractIncidentLifecycleTest {

  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  private static final String USER = System.getenv().getOrDefault("ITIL_TEST_PG_USER", "postgres");
  private static final String PREFIX = "itil_it_";
  private static final String DATABASE = PREFIX + ProcessHandle.current().pid();

  /** Decides before Spring starts; the skip reason names what is missing. */
  static boolean postgresAnswers() {
    try (Connection ignored = DriverManager.getConnection(SERVER + "postgres", USER, "")) {
      return true;
    } catch (SQLException e) {
      System.err.println("No PostgreSQL answers at " + SERVER + " as " + USER + " (" + e.getMessage()
          + "): skipping the PostgreSQL run of the incident lifecycle");
      return false;
    }
  }

  private static void createFreshDatabase() throws SQLException {
    try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "");
        Statement sql = admin.createStatement()) {
      for (String stale : staleDatabases(sql)) {
        sql.execute("drop database if exists " + stale + " with (force)");
      }
      sql.execute("drop database if exists " + DATABASE + " with (force)");
      sql.execute("create database " + DATABASE);
    }
  }

  /** Databases left by earlier test JVMs that have ended. */
  private static List<String> staleDatabases(Statement sql) throws SQLException {
    List<String> stale = new ArrayList<>();
    try (var rows = sql.executeQuery("select datname from pg_database where datname like '" + PREFIX + "%'")) {
      while (rows.next()) {
        String name = rows.getString(1);
        long pid = Long.parseLong(name.substring(PREFIX.length()));
        if (ProcessHandle.of(pid).isEmpty()) {
          stale.add(name);
        }
      }
    }
    return stale;
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws SQLException {
    createFreshDatabase();
    registry.add("spring.datasource.url", () -> SERVER + DATABASE);
    registry.add("spring.datasource.username", () -> USER);
  }
}
