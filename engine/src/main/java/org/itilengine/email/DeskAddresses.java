package org.itilengine.email;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.itilengine.connectors.mail.MailProperties;
import org.itilengine.request.ServiceRequestSettings;
import org.springframework.stereotype.Component;

/** The addresses that are the desk itself: its sender, its mailboxes and the service-request addresses. */
@Component
public class DeskAddresses {

  private final List<String> own;
  private final Map<String, String> mailboxAddresses;
  private final ServiceRequestSettings requests;

  public DeskAddresses(MailProperties mailSettings, ServiceRequestSettings requests) {
    this.own = mailSettings.ownAddresses();
    this.mailboxAddresses = mailSettings.mailboxes().stream()
        .collect(Collectors.toMap(MailProperties.Mailbox::name, MailProperties.Mailbox::username));
    this.requests = requests;
  }

  /**
   * Whether the mailbox is one of the service-request addresses: what arrives there is a request
   * even when no header names it (a Bcc, an alias, a distribution list that holds the address).
   */
  public boolean isRequestMailbox(String mailbox) {
    String address = mailboxAddresses.get(mailbox);
    return address != null && requests.isRequestAddress(List.of(address));
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
