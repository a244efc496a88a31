package org.itilengine.incident;

import static org.itilengine.incident.IncidentProcess.*;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.itilengine.connectors.mail.MailParser;
import org.itilengine.connectors.notification.Notification;
import org.itilengine.connectors.notification.NotificationGateway;
import org.itilengine.email.MailDirection;
import org.itilengine.email.MailDisposition;
import org.itilengine.email.MailMessage;
import org.itilengine.email.MailMessageRepository;
import org.itilengine.email.MailTemplates;
import org.itilengine.email.MailTemplates.RenderedMail;
import org.itilengine.email.MutedAddressRepository;
import org.itilengine.people.PeopleDirectory;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * Mails the requester about their incident, threaded under their own mail and everything we sent
 * before. The Message-ID goes on record so their answer finds the ticket even without the key.
 */
@Component("notifyRequester")
public class NotifyRequester implements JavaDelegate {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private final TicketService tickets;
  private final MailTemplates templates;
  private final NotificationGateway mail;
  private final MailMessageRepository mails;
  private final MutedAddressRepository muted;
  private final IncidentSettings settings;
  private final PeopleDirectory people;

  public NotifyRequester(TicketService tickets, MailTemplates templates, NotificationGateway mail,
      MailMessageRepository mails, MutedAddressRepository muted, IncidentSettings settings, PeopleDirectory people) {
    this.tickets = tickets;
    this.templates = templates;
    this.mail = mail;
    this.mails = mails;
    this.muted = muted;
    this.settings = settings;
    this.people = people;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Ticket ticket = tickets.get(TICKET_KEY.require(execution));
    RequesterMail which = TEMPLATE.require(execution);
    String to = ticket.getRequesterEmail();
    if (muted.existsById(to)) {
      ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(),
          "Not sent (" + which + "): mail to " + to + " bounced before");
      return;
    }
    RenderedMail rendered = templates.render(which.template(), values(ticket, execution));
    List<String> thread = mails.findByTicketKeyOrderByCreatedAtAsc(ticket.getKey()).stream()
        .map(MailMessage::getMessageId).filter(id -> !MailParser.isSyntheticId(id)).toList();
    String inReplyTo = REQUESTER_MESSAGE_ID.find(execution).orElse(thread.isEmpty() ? null : thread.get(0));

    String messageId = mail.send(new Notification(ticket.getKey(), List.of(to), rendered.subject(), rendered.text(),
        rendered.html(), inReplyTo, thread));

    if (messageId != null) {
      mails.save(new MailMessage(messageId, MailDirection.OUT, ticket.getKey(), null, to, MailDisposition.SENT,
          tickets.now()));
    }
    ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), "Mailed " + to + ": " + rendered.subject());
  }

  private Map<String, String> values(Ticket ticket, DelegateExecution execution) {
    Map<String, String> values = new HashMap<>();
    values.put("ticketKey", ticket.getKey());
    values.put("title", ticket.getTitle());
    values.put("requesterName", ticket.getRequesterName() != null ? ticket.getRequesterName() : ticket.getRequesterEmail());
    values.put("priority", String.valueOf(ticket.getPriority()));
    values.put("responseDue", format(ticket.getResponseDueAt()));
    values.put("resolutionDue", format(ticket.getResolutionDueAt()));
    values.put("resolutionNotes", RESOLUTION_NOTES.find(execution).orElse(""));
    values.put("question", QUESTION_TO_REQUESTER.find(execution).orElse(""));
    values.put("caseOwner", ticket.getCaseOwner() == null ? "" : people.displayName(ticket.getCaseOwner()));
    values.put("reply", AGENT_REPLY.find(execution).orElse(""));
    values.put("replyAuthor", AGENT_REPLY_AUTHOR.find(execution).map(people::displayName).orElse(""));
    values.put("autoCloseDays", String.valueOf(settings.autoCloseAfter().toDays()));
    String dropped = DROPPED_ATTACHMENTS.find(execution).orElse("");
    values.put("droppedAttachments", dropped.isEmpty() ? ""
        : "These attachments were over the size limit and were not kept: " + dropped);
    return values;
  }

  private static String format(Instant instant) {
    return instant == null ? "" : WHEN.format(instant);
  }
}
