package org.itilengine.email;

import java.util.List;
import java.util.Locale;
import org.itilengine.connectors.mail.MailProperties;
import org.itilengine.request.ServiceRequestSettings;
import org.springframework.stereotype.Component;

/** The addresses that are the desk itself: its sender, its mailboxes and the service-request addresses. */
@Component
public class DeskAddresses {

  private final List<String> own;
  private final ServiceRequestSettings requests;

  public DeskAddresses(MailProperties mailSettings, ServiceRequestSettings requests) {
    this.own = mailSettings.ownAddresses();
    this.requests = requests;
  }

  /** Mail from these is our own; they never watch a ticket (copies to them would loop). */
  public boolean isDesk(String address) {
    String lowerCase = address.toLowerCase(Locale.ROOT);
    return own.contains(lowerCase) || requests.isRequestAddress(List.of(lowerCase));
  }
}
