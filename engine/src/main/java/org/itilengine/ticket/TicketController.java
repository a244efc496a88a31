package org.itilengine.ticket;

import static org.itilengine.incident.IncidentProcess.*;

import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.itilengine.incident.RequesterMail;
import org.itilengine.security.OnBehalfOfCaller;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The desk API for agents: read a ticket with its journal, and write a public reply that is mailed
 * to the requester. Which tickets an agent may see: {@link TicketAccess}.
 */
@RestController
@RequestMapping("/api/tickets/{key}")
public class TicketController {

  private final TicketService tickets;
  private final TicketAccess access;
  private final RuntimeService runtime;
  private final IdentityService identity;

  public TicketController(TicketService tickets, TicketAccess access, RuntimeService runtime,
      IdentityService identity) {
    this.tickets = tickets;
    this.access = access;
    this.runtime = runtime;
    this.identity = identity;
  }

  public record EntryView(String kind, String author, Instant at, String text) {
  }

  public record TicketView(String key, String title, String status, String priority, String tier,
      String requesterEmail, List<String> watchers, String caseOwner, List<EntryView> journal) {
  }

  public record Reply(String text) {
  }

  @GetMapping
  @Transactional(readOnly = true)
  public TicketView read(@PathVariable String key) {
    Ticket ticket = access.ofCaller(key);
    return new TicketView(ticket.getKey(), ticket.getTitle(), ticket.getStatus().name(),
        String.valueOf(ticket.getPriority()), String.valueOf(ticket.getTier()), ticket.getRequesterEmail(),
        ticket.getWatchers().stream().sorted().toList(), ticket.getCaseOwner(), ticket.getJournal().stream()
            .map(e -> new EntryView(e.getKind().name(), e.getAuthor(), e.getCreatedAt(), e.getText())).toList());
  }

  @PostMapping("/replies")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Transactional
  public void reply(@PathVariable String key, @RequestBody Reply reply) {
    if (reply == null || reply.text() == null || reply.text().isBlank()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A reply needs a text");
    }
    Ticket ticket = access.ofCaller(key);
    if (ticket.getStatus() == TicketStatus.CLOSED) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, key + " is closed; a new matter is a new ticket");
    }
    if (ticket.awaitsOneTimeCode()) { // the requester's answer would count as a code attempt
      throw new ResponseStatusException(HttpStatus.CONFLICT, key + " waits for the requester's one-time code");
    }
    String agent = access.caller();
    ticket.addEntry(EntryKind.PUBLIC_REPLY, agent, tickets.now(), reply.text().strip());
    VariableMap mail = Variables.createVariables();
    TICKET_KEY.putIn(mail, key);
    TEMPLATE.putIn(mail, RequesterMail.AGENT_REPLY);
    AGENT_REPLY.putIn(mail, reply.text().strip());
    AGENT_REPLY_AUTHOR.putIn(mail, agent);
    // The mail is a job of its own (retries, Cockpit incident); agents need no process permissions.
    OnBehalfOfCaller.run(identity, () -> runtime.startProcessInstanceByKey(RequesterMail.PROCESS_KEY, key, mail));
  }
}
