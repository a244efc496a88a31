package org.itilengine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every lookup the desk does per mail or per screen can use an index on PostgreSQL. With
 * sequential scans switched off, EXPLAIN names the index the planner would take on a big table.
 */
@EnabledIf(value = "org.itilengine.TestPostgres#answers", disabledReason = "no PostgreSQL at 127.0.0.1:5432")
class IndexesOnPostgresTest {

  private static String url;

  @BeforeAll
  static void schema() {
    url = TestPostgres.freshDatabase("itil_idx_");
    Flyway.configure().dataSource(url, TestPostgres.USER, "")
        .locations("classpath:db/migration", "classpath:db/vendor/postgresql").load().migrate();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "thread lookup by Message-IDs | select ticket_key from mail_message where message_id in ('<a@x>', '<b@x>') | mail_message_message_id_key",
      "duplicate check              | select 1 from mail_message where message_id = '<a@x>'                       | mail_message_message_id_key",
      "sender rate limit            | select count(*) from mail_message where address = 'a@x' and direction = 'IN' and created_at > now() - interval '1 hour' | mail_message_address_idx",
      "ticket by key                | select * from ticket where ticket_key = 'INC-000001'                           | ticket_ticket_key_key",
      "thread of a mail sent        | select message_id from mail_message where ticket_key = 'INC-000001' and (direction = 'IN' or address = 'a@x') order by created_at | mail_message_ticket_idx",
      "a requester's tickets        | select * from ticket where requester_email = 'a@x' and assignment_group in ('service-desk-l1') and status in ('NEW', 'IN_PROGRESS') order by priority, opened_at, id fetch first 50 rows only | ticket_requester_email_idx or ticket_queue_idx",
      "queue of a group             | select * from ticket where assignment_group in ('service-desk-l1') and status <> 'CLOSED' and status in ('NEW', 'IN_PROGRESS') order by priority, opened_at, id fetch first 50 rows only | ticket_queue_idx",
      "journal of a ticket          | select * from ticket_entry where ticket_id = 42 order by created_at          | ticket_entry_ticket_idx",
      "open-ticket gauges           | select priority, tier, count(*) from ticket where status <> 'CLOSED' group by priority, tier | ticket_open_priority_tier_idx or ticket_queue_idx",
  })
  void lookupUsesAnIndex(String what, String query, String index) throws Exception {
    try (Connection connection = DriverManager.getConnection(url, TestPostgres.USER, "");
        Statement sql = connection.createStatement()) {
      sql.execute("set enable_seqscan = off");
      StringBuilder plan = new StringBuilder();
      try (ResultSet rows = sql.executeQuery("explain " + query)) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      }
      // Where two indexes serve, which one the planner takes depends on the table's statistics.
      assertThat(plan.toString()).as(what).containsAnyOf(index.split(" or "));
    }
  }
}
