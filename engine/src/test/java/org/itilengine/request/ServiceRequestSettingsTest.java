package org.itilengine.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.itilengine.request.ServiceRequestSettings.CatalogItem;
import org.junit.jupiter.api.Test;

/** Which subjects order a catalog item, and which report a problem even though they name one. */
class ServiceRequestSettingsTest {

  private final ServiceRequestSettings settings = new ServiceRequestSettings(List.of("requests@example.org"), "ldap",
      "dave", Duration.ofDays(1), Duration.ofDays(3), "service-desk-l2", Duration.ofMinutes(30), 3, "other-request",
      List.of("error", "not working", "crash"), "key", List.of(
          new CatalogItem("password-reset", "Password reset", List.of("password reset", "forgot my password"),
              Automation.RESET_PASSWORD, "service-desk-l1", false, true, null, null, Duration.ofHours(4)),
          new CatalogItem("new-hardware", "New hardware", List.of("new laptop"), null, "service-desk-l1", true,
              false, null, null, Duration.ofDays(5))));

  @Test
  void aSubjectNamingAnItemOrdersIt() {
    assertThat(item("Password reset please")).contains("password-reset");
    assertThat(item("I forgot my password")).contains("password-reset");
    assertThat(item("New laptop for the terrorism desk")).as("'error' inside a word is no problem word")
        .contains("new-hardware");
  }

  @Test
  void aSubjectReportingAProblemIsAnIncidentEvenWhenItNamesAnItem() {
    assertThat(item("Password reset page shows Error 500")).isEmpty();
    assertThat(item("Password reset not working")).isEmpty();
    assertThat(item("New laptop: Outlook crash on start")).isEmpty();
    assertThat(item("Printer jams")).isEmpty();
  }

  private Optional<String> item(String subject) {
    return settings.itemForSubject(subject).map(CatalogItem::id);
  }
}
