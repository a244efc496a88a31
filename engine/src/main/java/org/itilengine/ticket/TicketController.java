package org.itilengine.ticket;

import static org.itilengine.incident.IncidentProcess.*;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.itilengine.incident.RequesterMail;
import org.itilengine.process.ProcessText;
import org.itilengine.security.OnBehalfOfCaller;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
 * The desk API for agents: read a ticket with its journal and attachments, download an attachment,
 * write a public reply that is mailed to the requester or an internal note that is not. Which
 * tickets an agent may see: {@link TicketAccess}.
 */
@RestController
@RequestMapping("/api/tickets/{key}")
public class TicketController {

  private final TicketService tickets;
  private final TicketAccess access;
  private final TicketAttachmentRepository attachments;
  private final RuntimeService runtime;
  private final IdentityService identity;

  public TicketController(TicketService tickets, TicketAccess access, TicketAttachmentRepository attachments,
      RuntimeService runtime, IdentityService identity) {
    this.tickets = tickets;
    this.access = access;
    this.attachments = attachments;
    this.runtime = runtime;
    this.identity = identity;
  }

  public record EntryView(String kind, String author, Instant at, String text) {
  }

  /** The ticket with its whole description (the forms show only what a process variable holds). */
  public record TicketView(String key, String title, String description, String status, String priority, String tier,
      String requesterEmail, List<String> watchers, String caseOwner, List<EntryView> journal,
      List<TicketAttachmentRepository.Summary> attachments) {
  }

  /** The body of a reply or a note. */
  public record Text(String text) {

    String required(String what, int maxLength) {
      if (text == null || text.isBlank()) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, what + " needs a text");
      }
      if (text.strip().length() > maxLength) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, what + " holds at most " + maxLength + " characters");
      }
      return text.strip();
    }
  }

  @GetMapping
  @Transactional(readOnly = true)
  public TicketView read(@PathVariable String key) {
    Ticket ticket = access.ofCaller(key);
    return new TicketView(ticket.getKey(), ticket.getTitle(), ticket.getDescription(), ticket.getStatus().name(),
        String.valueOf(ticket.getPriority()), String.valueOf(ticket.getTier()), ticket.getRequesterEmail(),
        ticket.getWatchers().stream().sorted().toList(), ticket.getCaseOwner(), ticket.getJournal().stream()
            .map(e -> new EntryView(e.getKind().name(), e.getAuthor(), e.getCreatedAt(), e.getText())).toList(),
        attachments.findByTicketOrderByIdAsc(ticket));
  }

  /**
   * A file that came with the ticket, always as a download of bytes: whatever a mail says it is
   * (HTML, SVG, a script) must never run in the desk's origin nor be embedded by another site.
   */
  @GetMapping("/attachments/{id}")
  @Transactional(readOnly = true)
  public ResponseEntity<byte[]> attachment(@PathVariable String key, @PathVariable long id) {
    Ticket ticket = access.ofCaller(key);
    TicketAttachment file = attachments.findByIdAndTicket(id, ticket).orElseThrow(
        () -> new ResponseStatusException(HttpStatus.NOT_FOUND, key + " has no attachment " + id));
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(file.getFileName(), StandardCharsets.UTF_8).build().toString())
        .header("Content-Security-Policy", "sandbox")
        .header("X-Content-Type-Options", "nosniff")
        .header("Cross-Origin-Resource-Policy", "same-origin")
        .cacheControl(CacheControl.noStore().cachePrivate())
        .body(file.getContent());
  }

  @PostMapping("/replies")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Transactional
  public void reply(@PathVariable String key, @RequestBody Text reply) {
    String text = reply.required("A reply", ProcessText.MAX_LENGTH); // it is mailed from a process variable
    Ticket ticket = access.openOfCaller(key);
    if (ticket.awaitsOneTimeCode()) { // the requester's answer would count as a code attempt
      throw new ResponseStatusException(HttpStatus.CONFLICT, key + " waits for the requester's one-time code");
    }
    String agent = access.caller();
    ticket.addEntry(EntryKind.PUBLIC_REPLY, agent, tickets.now(), text);
    VariableMap mail = Variables.createVariables();
    TICKET_KEY.putIn(mail, key);
    TEMPLATE.putIn(mail, RequesterMail.AGENT_REPLY);
    AGENT_REPLY.putIn(mail, text);
    AGENT_REPLY_AUTHOR.putIn(mail, agent);
    // The mail is a job of its own (retries, Cockpit incident); agents need no process permissions.
    OnBehalfOfCaller.run(identity, () -> runtime.startProcessInstanceByKey(RequesterMail.PROCESS_KEY, key, mail));
  }

  /** An internal work note: on the journal for the agents, never mailed (also on a closed ticket). */
  @PostMapping("/notes")
  @ResponseStatus(HttpStatus.CREATED)
  @Transactional
  public void note(@PathVariable String key, @RequestBody Text note) {
    String text = note.required("A note", Ticket.MAX_TEXT_LENGTH);
    access.ofCaller(key).addEntry(EntryKind.WORK_NOTE, access.caller(), tickets.now(), text);
  }
}
