package org.itilengine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL at 127.0.0.1:5432 (the CI database): whether it answers, and a fresh database
 * per test JVM so parallel builds never meet. Databases of ended JVMs are dropped.
 */
public final class TestPostgres {

  public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  public static final String USER = System.getenv().getOrDefault("ITIL_TEST_PG_USER", "postgres");

  private TestPostgres() {
  }

  public static boolean answers() {
    try (Connection ignored = DriverManager.getConnection(SERVER + "postgres", USER, "")) {
      return true;
    } catch (SQLException e) {
      System.err.println("No PostgreSQL answers at " + SERVER + " as " + USER + " (" + e.getMessage()
          + "): skipping the PostgreSQL tests");
      return false;
    }
  }

  /** Creates {@code prefix_<pid>} afresh and returns its JDBC URL. */
  public static String freshDatabase(String prefix) {
    String name = prefix + ProcessHandle.current().pid();
    try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "");
        Statement sql = admin.createStatement()) {
      for (String stale : staleDatabases(sql, prefix)) {
        sql.execute("drop database if exists " + stale + " with (force)");
      }
      sql.execute("drop database if exists " + name + " with (force)");
      sql.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create test database " + name, e);
    }
    return SERVER + name;
  }

  private static List<String> staleDatabases(Statement sql, String prefix) throws SQLException {
    List<String> stale = new ArrayList<>();
    try (var rows = sql.executeQuery("select datname from pg_database where datname like '" + prefix + "%'")) {
      while (rows.next()) {
        String name = rows.getString(1);
        String pid = name.substring(prefix.length());
        if (pid.matches("\\d+") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
          stale.add(name);
        }
      }
    }
    return stale;
  }
}
