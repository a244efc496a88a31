package org.itilengine;

import org.springframework.test.context.TestPropertySource;

/** The lifecycle on H2, the embedded default database. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:incident-lifecycle;DB_CLOSE_DELAY=-1")
class IncidentLifecycleOnH2Test extends AbstractIncidentLifecycleTest {
}
