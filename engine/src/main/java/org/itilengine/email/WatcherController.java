package org.itilengine.email;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketAccess;
import org.itilengine.ticket.TicketService;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Agents put a colleague of the requester on a ticket (a manager, a deputy), or take someone off
 * it: a watcher's mail is kept on the ticket and they get copies of the conversation. Only the
 * requester's colleagues (same mail domain) may be added, as only they get copies.
 */
@RestController
@RequestMapping("/api/tickets/{key}/watchers/{address}")
public class WatcherController {

  private final TicketAccess access;
  private final TicketService tickets;
  private final DeskAddresses desk;

  public WatcherController(TicketAccess access, TicketService tickets, DeskAddresses desk) {
    this.access = access;
    this.tickets = tickets;
    this.desk = desk;
  }

  @PutMapping
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Transactional
  public void add(@PathVariable String key, @PathVariable String address) {
    Ticket ticket = access.openOfCaller(key);
    String watcher = plainAddress(address);
    if (ticket.isRequester(watcher)) {
      throw badRequest(watcher + " reported " + key + " and hears about it already");
    }
    if (desk.isDesk(watcher)) {
      throw badRequest(watcher + " is the desk's own address");
    }
    if (!ticket.isRequesterColleague(watcher)) {
      throw badRequest("Only colleagues of the requester (@" + ticket.requesterDomain() + ") can watch " + key
          + ": the requester's conversation is not copied outside their organisation");
    }
    try {
      if (ticket.addWatcher(watcher)) {
        ticket.addEntry(EntryKind.SYSTEM, access.caller(), tickets.now(), watcher + " added as a watcher");
      }
    } catch (IllegalStateException full) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, full.getMessage());
    }
  }

  @DeleteMapping
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Transactional
  public void remove(@PathVariable String key, @PathVariable String address) {
    Ticket ticket = access.openOfCaller(key);
    if (!ticket.removeWatcher(address)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, address + " does not watch " + key);
    }
    ticket.addEntry(EntryKind.SYSTEM, access.caller(), tickets.now(),
        address.toLowerCase(Locale.ROOT) + " no longer watches this ticket");
  }

  /** One address as in a mail's To, without a display name: "name@example.org". */
  private static String plainAddress(String address) {
    try {
      InternetAddress parsed = new InternetAddress(address, true);
      if (parsed.getPersonal() != null || parsed.isGroup() || !parsed.getAddress().equals(address.strip())
          || !Ticket.isMailAddress(parsed.getAddress())) {
        throw new AddressException("not a plain address", address);
      }
      return parsed.getAddress().toLowerCase(Locale.ROOT);
    } catch (AddressException e) {
      throw badRequest("'" + address + "' is not a mail address (name@example.org)");
    }
  }

  private static ResponseStatusException badRequest(String message) {
    return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
  }
}
