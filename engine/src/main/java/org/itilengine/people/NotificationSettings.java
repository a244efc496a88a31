package org.itilengine.people;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who hears about what beyond the case owner: stakeholders of a major incident, and the service
 * desk leads who receive SLA breach escalations.
 */
@ConfigurationProperties("itil.notifications")
public record NotificationSettings(List<String> majorIncidentStakeholders, List<String> escalationRecipients) {

  public NotificationSettings {
    majorIncidentStakeholders = majorIncidentStakeholders == null ? List.of() : List.copyOf(majorIncidentStakeholders);
    escalationRecipients = escalationRecipients == null ? List.of() : List.copyOf(escalationRecipients);
  }
}
