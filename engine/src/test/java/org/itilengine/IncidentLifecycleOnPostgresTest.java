package org.itilengine;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The lifecycle on PostgreSQL (127.0.0.1:5432, the CI database) with the postgres profile. */
@ActiveProfiles({"postgres", "default"})
@EnabledIf(value = "org.itilengine.TestPostgres#answers", disabledReason = "no PostgreSQL at 127.0.0.1:5432")
class IncidentLifecycleOnPostgresTest extends AbstractIncidentLifecycleTest {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    String url = TestPostgres.freshDatabase("itil_it_");
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> TestPostgres.USER);
  }
}
