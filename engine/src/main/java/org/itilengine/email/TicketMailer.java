package org.itilengine.email;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.itilengine.connectors.mail.MailParser;
import org.itilengine.connectors.notification.Notification;
import org.itilengine.connectors.notification.NotificationGateway;
import org.itilengine.email.MailTemplates.RenderedMail;
import org.itilengine.request.OneTimeSecrets;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mails someone about a ticket from a template, threaded under the requester's first mail, the
 * mails that came in and what we sent to the same recipient before (never what went to others: a
 * watcher's copy must not carry the IDs of the requester's mails). The Message-ID goes on record
 * so an answer finds the ticket even without the key; the journal notes the subject only (bodies
 * may carry one-time secrets). A mail is recorded the moment the server took it, in a transaction
 * of its own: a job that fails or dies after that (and runs again) finds it sent and does not
 * send it twice.
 */
@Component
public class TicketMailer {

  private static final Logger LOG = LoggerFactory.getLogger(TicketMailer.class);

  private final TicketService tickets;
  private final MailTemplates templates;
  private final NotificationGateway mail;
  private final MailMessageRepository mails;
  private final MutedAddressRepository muted;
  private final OneTimeSecrets secrets;
  private final TransactionTemplate ownTransaction;

  public TicketMailer(TicketService tickets, MailTemplates templates, NotificationGateway mail,
      MailMessageRepository mails, MutedAddressRepository muted, OneTimeSecrets secrets,
      PlatformTransactionManager transactionManager) {
    this.tickets = tickets;
    this.templates = templates;
    this.mail = mail;
    this.mails = mails;
    this.muted = muted;
    this.secrets = secrets;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * @param inReplyTo the mail this one answers; null threads under the first mail of the ticket
   */
  public void send(Ticket ticket, String to, String template, Map<String, String> values, String inReplyTo) {
    deliver(ticket, to, template, templates.render(template, values), inReplyTo, Kind.CONVERSATION);
  }

  /**
   * A mail with a secret in it (a temporary password), threaded under the first mail of the ticket.
   * It is recorded as such: replies quote it, so the intake keeps nothing of them.
   */
  public void sendSecret(Ticket ticket, String to, String template, Map<String, String> values) {
    deliver(ticket, to, template, templates.render(template, values), null, Kind.SECRET);
  }

  /**
   * A notice to staff about the ticket (an SLA alert, a major incident): one mail per person, so
   * an address the server refuses keeps it from nobody else. A refused address fails the job
   * after the others are sent; the job's next run sends only what is still missing. A bounce
   * does not silence staff alerts (muting is for requesters who may have left).
   */
  public void sendToStaff(Ticket ticket, Collection<String> staff, String subject, String text) {
    RenderedMail notice = new RenderedMail(subject, text, null);
    NotificationGateway.NotificationFailedException failure = null;
    for (String to : staff) {
      try {
        deliver(ticket, to, "staff notice", notice, null, Kind.STAFF_NOTICE);
      } catch (NotificationGateway.NotificationFailedException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** What a mail is to the desk: a secret's replies keep nothing; staff get alerts even after a bounce. */
  private enum Kind { CONVERSATION, SECRET, STAFF_NOTICE }

  private void deliver(Ticket ticket, String to, String what, RenderedMail rendered, String inReplyTo, Kind kind) {
    // Three lookups per mail sent, so the cheap kinds: by primary key (the session first, no query
    // to build) and JPQL strings whose plans Hibernate caches (a derived query rebuilds it per call).
    String recipient = to.toLowerCase(Locale.ROOT); // recorded and looked up as the intake records senders
    if (kind != Kind.STAFF_NOTICE && muted.findById(recipient).isPresent()) {
      ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(),
          "Not sent (" + what + "): mail to " + to + " bounced before");
      return;
    }
    String delivery = deliveryKey(to, rendered);
    boolean sentBefore = delivery != null && mails.findIdByDeliveryKey(delivery).isPresent();
    if (sentBefore) {
      LOG.info("{}: '{}' to {} went out before this job was interrupted; not sent again", ticket.getKey(),
          rendered.subject(), to);
    } else {
      List<String> thread = mails.findThreadFor(ticket.getKey(), recipient, ticket.getRequesterEmail()).stream()
          .filter(id -> !MailParser.isSyntheticId(id)).toList();
      String parent = inReplyTo != null ? inReplyTo : thread.isEmpty() ? null : thread.get(0);

      String messageId = mail.send(new Notification(ticket.getKey(), List.of(to), rendered.subject(),
          rendered.text(), rendered.html(), parent, thread));

      if (messageId != null) {
        MailMessage sent = new MailMessage(messageId, MailDirection.OUT, ticket.getKey(), null, recipient,
            MailDisposition.SENT, tickets.now()).deliveredAs(delivery).carryingSecret(kind == Kind.SECRET);
        ownTransaction.executeWithoutResult(status -> mails.save(sent));
      }
    }
    ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), "Mailed " + to + ": " + rendered.subject());
  }

  /**
   * The job sending the mail and what it says. The same job run again finds the mail sent; a text
   * that changed meanwhile (a new one-time password) is a new mail. Keyed, because the text may
   * hold a six-digit code a plain hash would give away. Null outside a job.
   */
  private String deliveryKey(String to, RenderedMail rendered) {
    CommandContext command = Context.getCommandContext();
    JobEntity job = command == null ? null : command.getCurrentJob();
    return job == null ? null
        : job.getId() + "/" + secrets.fingerprint(to + "\n" + rendered.subject() + "\n" + rendered.text());
  }
}
