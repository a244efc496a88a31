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

  /** Mail from these is our own. (A form mailer may send as a request address on someone's behalf.) */
  public boolean isOwn(String address) {
    return own.contains(address.toLowerCase(Locale.ROOT));
  }

  /** These never watch a ticket: copies to them would come back as mail to the desk. */
  public boolean isDesk(String address) {
    return isOwn(address) || requests.isRequestAddress(List.of(address));
  }
}
