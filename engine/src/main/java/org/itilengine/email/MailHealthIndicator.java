package org.itilengine.email;

import org.itilengine.connectors.mail.MailboxReaders;
import org.itilengine.connectors.mail.MailboxStatus;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Down when a mailbox's last poll failed (server unreachable, login refused, ...). */
@Component("mail")
public class MailHealthIndicator implements HealthIndicator {

  private final MailboxReaders readers;

  public MailHealthIndicator(MailboxReaders readers) {
    this.readers = readers;
  }

  @Override
  public Health health() {
    Health.Builder health = Health.up();
    for (MailboxStatus status : readers.status()) {
      if (status.error() != null) {
        health.down();
      }
      health.withDetail(status.mailbox(), status.error() != null ? "failing: " + status.error()
          : status.at() == null ? "starting" : "last poll " + status.at());
    }
    return health.build();
  }
}
