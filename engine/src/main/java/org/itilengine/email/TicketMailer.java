package org.itilengine.email;

import java.util.List;
import java.util.Map;
import org.itilengine.connectors.mail.MailParser;
import org.itilengine.connectors.notification.Notification;
import org.itilengine.connectors.notification.NotificationGateway;
import org.itilengine.email.MailTemplates.RenderedMail;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * Mails someone about a ticket from a template, threaded under the requester's first mail and
 * everything we sent before. The Message-ID goes on record so an answer finds the ticket even
 * without the key; the journal notes the subject only (bodies may carry one-time secrets).
 */
@Component
public class TicketMailer {

  private final TicketService tickets;
  private final MailTemplates templates;
  private final NotificationGateway mail;
  private final MailMessageRepository mails;
  private final MutedAddressRepository muted;

  public TicketMailer(TicketService tickets, MailTemplates templates, NotificationGateway mail,
      MailMessageRepository mails, MutedAddressRepository muted) {
    this.tickets = tickets;
    this.templates = templates;
    this.mail = mail;
    this.mails = mails;
    this.muted = muted;
  }

  /**
   * @param inReplyTo the mail this one answers; null threads under the first mail of the ticket
   */
  public void send(Ticket ticket, String to, String template, Map<String, String> values, String inReplyTo) {
    // Two lookups per mail sent, so the cheap kinds: by primary key (the session first, no query
    // to build) and a JPQL string whose plan Hibernate caches (a derived query rebuilds it per call).
    if (muted.findById(to).isPresent()) {
      ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(),
          "Not sent (" + template + "): mail to " + to + " bounced before");
      return;
    }
    RenderedMail rendered = templates.render(template, values);
    List<String> thread = mails.findMessageIdsByTicketKey(ticket.getKey()).stream()
        .filter(id -> !MailParser.isSyntheticId(id)).toList();
    String parent = inReplyTo != null ? inReplyTo : thread.isEmpty() ? null : thread.get(0);

    String messageId = mail.send(new Notification(ticket.getKey(), List.of(to), rendered.subject(), rendered.text(),
        rendered.html(), parent, thread));

    if (messageId != null) {
      mails.save(new MailMessage(messageId, MailDirection.OUT, ticket.getKey(), null, to, MailDisposition.SENT,
          tickets.now()));
    }
    ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), "Mailed " + to + ": " + rendered.subject());
  }
}
