package org.itilengine.email;

import static org.itilengine.incident.IncidentProcess.*;
import static org.itilengine.process.ProcessText.atMost;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.itilengine.connectors.mail.InboundMailHandler;
import org.itilengine.connectors.mail.ParsedMail;
import org.itilengine.incident.IncidentProcess;
import org.itilengine.incident.RequesterMail;
import org.itilengine.process.ProcessText;
import org.itilengine.request.Automation;
import org.itilengine.request.ServiceRequestProcess;
import org.itilengine.request.ServiceRequestSettings;
import org.itilengine.request.ServiceRequestSettings.CatalogItem;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketAttachment;
import org.itilengine.ticket.TicketAttachmentRepository;
import org.itilengine.ticket.TicketRepository;
import org.itilengine.ticket.TicketService;
import org.itilengine.ticket.TicketStatus;
import org.itilengine.ticket.TicketType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The desk's side of the email channel: a new mail opens an incident, or a service request when it
 * went to a request address or names a catalog item in its subject; a reply lands on its ticket
 * (by the key in the subject or by In-Reply-To/References), noise is recorded and ignored. Each
 * mail is handled in one transaction together with its Message-ID row, so it counts exactly once.
 */
@Component
public class EmailIntake implements InboundMailHandler {

  private static final Logger LOG = LoggerFactory.getLogger(EmailIntake.class);
  private static final Pattern QUOTED_KEY = Pattern.compile("\\[((?:INC|REQ|PRB|CHG|SEC)-\\d{6,})]");
  private static final String SECRET_REPLY_NOT_KEPT = "A reply was received and not kept (neither its text nor its"
      + " attachments), because it answered a mail with a password; ask the requester what they wrote.";

  private final MailMessageRepository mails;
  private final QuarantinedMailRepository quarantine;
  private final MutedAddressRepository muted;
  private final TicketRepository ticketRows;
  private final TicketAttachmentRepository attachments;
  private final TicketService tickets;
  private final RuntimeService runtime;
  private final EmailPolicy policy;
  private final ServiceRequestSettings requests;
  private final DeskAddresses desk;
  private final MeterRegistry meters;
  private final TransactionTemplate transactions;

  public EmailIntake(MailMessageRepository mails, QuarantinedMailRepository quarantine, MutedAddressRepository muted,
      TicketRepository ticketRows, TicketAttachmentRepository attachments, TicketService tickets,
      RuntimeService runtime, EmailPolicy policy, ServiceRequestSettings requests, DeskAddresses desk,
      MeterRegistry meters, PlatformTransactionManager transactionManager) {
    this.mails = mails;
    this.quarantine = quarantine;
    this.muted = muted;
    this.ticketRows = ticketRows;
    this.attachments = attachments;
    this.tickets = tickets;
    this.runtime = runtime;
    this.policy = policy;
    this.requests = requests;
    this.desk = desk;
    this.meters = meters;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /**
   * One transaction per mail. When another node took the same mail at the same moment, the unique
   * Message-ID makes this commit fail: that is a duplicate, not an error.
   */
  @Override
  public Outcome handle(String mailbox, ParsedMail mail, Instant receivedAt) {
    try {
      return transactions.execute(status -> {
        Outcome outcome = take(mailbox, mail, isYoung(receivedAt));
        if (outcome == Outcome.RETRY_LATER) {
          status.setRollbackOnly(); // keep nothing: the mail is read again
        }
        return outcome;
      });
    } catch (DataIntegrityViolationException e) {
      if (!mails.existsByMessageId(mail.messageId())) {
        throw e;
      }
      LOG.info("Mail {} was taken by another node at the same time: ignored", mail.messageId());
      count("DUPLICATE");
      return Outcome.IGNORED;
    }
  }

  /** @param young whether the mail may still wait for its ticket or its process step (retry later) */
  private Outcome take(String mailbox, ParsedMail received, boolean young) {
    if (mails.existsByMessageId(received.messageId())) {
      LOG.info("Mail {} was already taken: ignored", received.messageId());
      count("DUPLICATE");
      return Outcome.IGNORED;
    }
    String sender = received.fromAddress(); // who wrote: a Reply-To proves nothing
    if (received.fromOurLoop() || desk.isOwn(sender)) {
      return record(received, mailbox, null, MailDisposition.OWN_LOOP, Outcome.IGNORED);
    }
    if (received.bounceOf() != null) {
      return bounce(received, mailbox);
    }
    // Our records of the mails this one answers: they find its ticket and show whether it answers our mail.
    List<MailMessage> answered = received.threadIds().isEmpty() ? List.of()
        : mails.findByMessageIdIn(received.threadIds());
    // Mail programs quote (or attach) the mail they answer: whatever a reply to a password becomes (a
    // journal entry, a follow-up, a variable), it must not carry the password along. Like a code reply.
    ParsedMail mail = answered.stream().anyMatch(MailMessage::carriesSecret)
        ? received.withoutContent(SECRET_REPLY_NOT_KEPT) : received;
    Optional<String> quotedKey = quotedKey(mail.subject());
    Optional<Ticket> thread = quotedKey.flatMap(ticketRows::findByKey).or(() -> threadOf(mail, answered));

    if (isAutomatic(mail)) {
      // Anyone can write an Auto-Submitted header: only the ticket's own people get a note on it.
      Optional<Ticket> own = thread.filter(ticket -> ticket.isRequester(sender) || ticket.isWatcher(sender)
          || mails.countByTicketKeyAndAddressAndDirection(ticket.getKey(), sender, MailDirection.OUT) > 0);
      own.ifPresent(ticket -> ticket.addEntry(EntryKind.WORK_NOTE, mail.fromAddress(), tickets.now(),
          "Automatic mail (" + atMost(Optional.ofNullable(mail.autoSubmitted()).orElse("bulk/list"), 100)
              + "), ignored: " + atMost(mail.subject(), 255)
              + (ticket.awaitsOneTimeCode() ? "" : "\n\n" + mail.text())));
      return record(mail, mailbox, own.map(Ticket::getKey).orElse(null),
          own.isPresent() ? MailDisposition.AUTOMATIC_ON_THREAD : MailDisposition.AUTOMATIC, Outcome.IGNORED);
    }
    muted.findById(sender).ifPresent(muted::delete); // the address works again
    if (overRateLimit(sender) || overRateLimitOnBehalfOf(mail, sender)) {
      LOG.warn("{} sent more than {} mails in an hour: {} ignored", sender, policy.maxMailsPerSenderPerHour(),
          mail.messageId());
      return record(mail, mailbox, null, MailDisposition.RATE_LIMITED, Outcome.IGNORED);
    }
    if (quotedKey.isPresent() && thread.isEmpty() && young) {
      count("RETRY_LATER");
      return Outcome.RETRY_LATER; // the ticket may still be committing on another node
    }
    if (thread.isPresent()) {
      return reply(mailbox, mail, thread.get(), answered, young);
    }
    Optional<CatalogItem> requested = requests.itemForSubject(mail.subject())
        .or(() -> requests.isRequestAddress(mail.recipients()) || desk.isRequestMailbox(mailbox)
            ? requests.item(requests.defaultItem()) : Optional.empty());
    return requested.map(item -> newServiceRequest(mailbox, mail, item)).orElseGet(() -> newIncident(mailbox, mail, null));
  }

  @Override
  @Transactional
  public void quarantine(String mailbox, String messageId, byte[] raw, String reason) {
    String digest = QuarantinedMail.digest(raw);
    // The same mail again (the app stopped before it left the inbox): one row, the latest reason.
    QuarantinedMail row = quarantine.findFirstByMailboxAndRawSha256AndReprocessedAtIsNull(mailbox, digest)
        .map(waiting -> waiting.quarantinedAgain(reason, tickets.now()))
        .orElseGet(() -> new QuarantinedMail(mailbox, messageId, reason, raw, digest, tickets.now()));
    quarantine.save(row);
    meters.counter("itil.mail.quarantined", "mailbox", mailbox).increment();
  }

  /**
   * Who may write to a ticket is read from From: a Reply-To is anyone's to set. The requester's
   * answers move the ticket; a watcher's mail is kept on it; a stranger's never touches it.
   */
  private Outcome reply(String mailbox, ParsedMail mail, Ticket ticket, List<MailMessage> answered, boolean young) {
    String author = mail.fromAddress();
    boolean fromRequester = ticket.isRequester(author);
    if (ticket.awaitsOneTimeCode() && !fromRequester) {
      // Nobody else's mail may carry the one-time code into a ticket or the journal.
      ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), "Mail from " + author
          + " while waiting for the requester's one-time code: not kept");
      return record(mail, mailbox, ticket.getKey(), MailDisposition.NOT_KEPT, Outcome.IGNORED);
    }
    if (!fromRequester && !ticket.isWatcher(author)) {
      if (policy.strangers() == EmailPolicy.StrangerPolicy.INTERNAL_NOTE) {
        ticket.addEntry(EntryKind.WORK_NOTE, author, tickets.now(),
            "Mail from " + author + ", who is neither the requester nor a watcher:\n\n" + mail.text());
        return record(mail, mailbox, ticket.getKey(), MailDisposition.REPLY, Outcome.PROCESSED);
      }
      return newIncident(mailbox, mail, ticket.getKey());
    }
    if (ticket.getStatus() == TicketStatus.CLOSED && (ticket.getClosedAt().isBefore(tickets.now().minus(policy.replyWindow()))
        || RequesterAnswer.of(mail.text()) != RequesterAnswer.CONFIRMED)) {
      // Nobody works a closed ticket: only a thanks (from the requester or a watcher) stays on it,
      // anything else goes to the author's open follow-up, or opens one.
      Optional<Ticket> followUp = ticketRows.findByRelatedTicketKeyAndStatusNotOrderByIdDesc(ticket.getKey(),
          TicketStatus.CLOSED).stream().filter(open -> open.isRequester(author) || open.isWatcher(author)).findFirst();
      return followUp.isPresent() ? reply(mailbox, mail, followUp.get(), answered, young)
          : newIncident(mailbox, mail, ticket.getKey());
    }
    boolean verification = ticket.awaitsOneTimeCode();
    // The answer to a verification carries a one-time code: it is checked, never stored.
    ticket.addEntry(EntryKind.PUBLIC_REPLY, author, tickets.now(),
        verification ? "Reply to the one-time code mail (content not kept)" : mail.text());
    boolean withFiles = !mail.attachments().isEmpty() || !mail.droppedAttachments().isEmpty();
    if (verification && withFiles) { // like its text: nothing of a code reply is kept, and nothing said back
      ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), "Attachments of the one-time code reply not kept");
    } else if (!verification) {
      keepAttachments(ticket, mail);
    }
    if (!fromRequester) {
      return record(mail, mailbox, ticket.getKey(), MailDisposition.REPLY, Outcome.PROCESSED);
    }
    if (!verification && ticket.getStatus() != TicketStatus.CLOSED && answersOurMail(ticket, answered)) {
      addWatchersFromCc(ticket, mail);
    }
    if (!verification && !mail.droppedAttachments().isEmpty()) { // a new ticket's acknowledgement says so
      RequesterMail.ATTACHMENTS_DROPPED.sendSeparately(runtime, ticket.getKey(), DROPPED_ATTACHMENTS.putIn(
          Variables.createVariables(), droppedNames(mail)));
    }
    boolean taken = switch (ticket.getStatus()) {
      case RESOLVED -> answerResolution(ticket, mail);
      case PENDING_REQUESTER -> verification ? answerVerification(ticket, mail) : answerQuestion(ticket, mail);
      default -> showToTheTier(ticket, mail);
    };
    if (!taken && young) {
      count("RETRY_LATER");
      return Outcome.RETRY_LATER;
    }
    if (!taken) { // e.g. the step before the wait is a Cockpit incident: the answer must not block the inbox
      LOG.warn("{} did not wait for the requester's answer {}; kept on the ticket only", ticket.getKey(),
          mail.messageId());
      ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), "The process was not waiting for this answer"
          + " (see Cockpit); it is kept here for the case owner.");
    }
    return record(mail, mailbox, ticket.getKey(), MailDisposition.REPLY, Outcome.PROCESSED);
  }

  /**
   * Only a confirmation closes; "not fixed" and anything else the requester writes (a question, "thanks,
   * but ...") reopens the incident at the tier that resolved it, with the mail as the requester's latest,
   * so no answer waits unread while the incident closes by itself. False when the process is not
   * waiting for the answer yet (it will be in a moment).
   */
  private boolean answerResolution(Ticket ticket, ParsedMail mail) {
    boolean confirmed = RequesterAnswer.of(mail.text()) == RequesterAnswer.CONFIRMED;
    VariableMap answerVariables = Variables.createVariables();
    REQUESTER_CONFIRMED.putIn(answerVariables, confirmed);
    if (confirmed) {
      RequesterAnswer.satisfactionScore(mail.text()).ifPresent(score -> SATISFACTION_SCORE.putIn(answerVariables, score));
    } else {
      REQUESTER_ANSWER.putIn(answerVariables, ProcessText.fit(mail.text()));
    }
    return correlate(ticket, confirmed ? MESSAGE_RESOLUTION_CONFIRMED : MESSAGE_RESOLUTION_REJECTED, answerVariables);
  }

  /**
   * A requester's mail while an agent works the incident (more details, "it happened again"): the
   * tier forms show it as the requester's latest mail, so nobody has to look it up in the journal.
   * (The forms show the field disabled, so completing a task never writes an older text back.)
   */
  private boolean showToTheTier(Ticket ticket, ParsedMail mail) {
    if (ticket.getType() == TicketType.INCIDENT && ticket.getStatus() != TicketStatus.CLOSED && !mail.text().isBlank()
        && runtime.createProcessInstanceQuery().processInstanceId(ticket.getProcessInstanceId()).count() > 0) {
      runtime.setVariable(ticket.getProcessInstanceId(), REQUESTER_ANSWER.name(), ProcessText.fit(mail.text()));
    }
    return true;
  }

  /** The requester answered an agent's question: the tier that asked picks the incident up again. */
  private boolean answerQuestion(Ticket ticket, ParsedMail mail) {
    VariableMap answer = Variables.createVariables();
    REQUESTER_ANSWER.putIn(answer, ProcessText.fit(mail.text())); // the whole answer is on the journal
    return correlate(ticket, MESSAGE_REQUESTER_ANSWERED, answer);
  }

  private boolean answerVerification(Ticket ticket, ParsedMail mail) {
    VariableMap reply = Variables.createVariables()
        .putValueTyped(ServiceRequestProcess.VERIFICATION_REPLY.name(), Variables.stringValue(mail.text(), true));
    return correlate(ticket, ServiceRequestProcess.MESSAGE_VERIFICATION_REPLY, reply);
  }

  /**
   * False when the process does not wait for the message (yet). Asked first rather than caught:
   * a failed correlation would mark the whole transaction for rollback, the journal entry too.
   */
  private boolean correlate(Ticket ticket, String message, VariableMap variables) {
    if (runtime.createEventSubscriptionQuery().eventType("message").eventName(message)
        .processInstanceId(ticket.getProcessInstanceId()).count() == 0) {
      LOG.info("{} is not waiting for the requester's answer", ticket.getKey());
      return false;
    }
    runtime.createMessageCorrelation(message)
        .processInstanceId(ticket.getProcessInstanceId())
        .setVariables(variables)
        .correlateWithResult();
    return true;
  }

  private Outcome newIncident(String mailbox, ParsedMail mail, String relatedKey) {
    VariableMap variables = reportedBy(mail);
    IMPACT.putIn(variables, policy.defaultImpact());
    URGENCY.putIn(variables, policy.defaultUrgency());
    return newTicket(mailbox, mail, IncidentProcess.MESSAGE_INCIDENT_REPORTED, variables, relatedKey);
  }

  /**
   * The text after the item's keyword names the group of an access request ("Request access to the
   * Finance-App group"): the first word that is a grantable group, whatever its case. A mail that
   * names none goes to the fulfilment group, who read what is asked.
   */
  private Outcome newServiceRequest(String mailbox, ParsedMail mail, CatalogItem item) {
    VariableMap variables = reportedBy(mail);
    ServiceRequestProcess.CATALOG_ITEM.putIn(variables, item.id());
    String subject = mail.subject().toLowerCase(Locale.ROOT);
    item.keywords().stream().filter(subject::contains).filter(k -> item.automation() == Automation.GRANT_GROUP).findFirst()
        .flatMap(keyword -> item.grantableGroupNamedIn(mail.subject().substring(subject.indexOf(keyword) + keyword.length())))
        .ifPresent(group -> ServiceRequestProcess.ACCESS_GROUP.putIn(variables, group));
    return newTicket(mailbox, mail, ServiceRequestProcess.MESSAGE_REQUEST_SUBMITTED, variables, null);
  }

  private static VariableMap reportedBy(ParsedMail mail) {
    VariableMap variables = Variables.createVariables();
    // Only what the mail has: every variable is three rows (runtime, history, detail) per ticket.
    REQUESTER_EMAIL.putIn(variables, mail.requesterAddress());
    REQUESTER_NAME.putIfPresent(variables, atMost(mail.fromName(), 255)); // the ticket's columns
    TITLE.putIn(variables, atMost(mail.subject(), 255));
    putDescription(variables, mail.text());
    if (mail.hasOwnMessageId()) {
      REQUESTER_MESSAGE_ID.putIn(variables, mail.messageId()); // our answers thread under it
    }
    if (!mail.droppedAttachments().isEmpty()) {
      DROPPED_ATTACHMENTS.putIn(variables, droppedNames(mail));
    }
    return variables;
  }

  private Outcome newTicket(String mailbox, ParsedMail mail, String startMessage, VariableMap variables,
      String relatedKey) {
    ProcessInstance instance = runtime.createMessageCorrelation(startMessage)
        .setVariables(variables)
        .correlateStartMessage();
    String key = instance.getBusinessKey(); // the register step made the ticket key the business key
    Ticket ticket = tickets.get(key);
    if (!mail.fromAddress().equalsIgnoreCase(ticket.getRequesterEmail())) {
      ticket.setSenderEmail(mail.fromAddress());
    }
    ticket.addWatchers(watchers(mail, ticket));
    keepAttachments(ticket, mail);
    if (relatedKey != null) {
      ticket.relateTo(relatedKey);
      ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), "Follows up " + relatedKey);
    }
    return record(mail, mailbox, key, MailDisposition.NEW_TICKET, Outcome.PROCESSED);
  }

  /**
   * Whether the mail answers one we sent to the requester about this ticket: its In-Reply-To or
   * References holds that Message-ID, which the requester's mail has and copies to watchers do not
   * (see TicketMailer); only someone the requester shared a thread with could know it. A key in the
   * subject and a forged From are anyone's to write.
   */
  private static boolean answersOurMail(Ticket ticket, List<MailMessage> answered) {
    return answered.stream().anyMatch(m -> m.getDirection() == MailDirection.OUT
        && ticket.getKey().equals(m.getTicketKey()) && m.getAddress().equalsIgnoreCase(ticket.getRequesterEmail()));
  }

  /** Whom the requester put on To or Cc of a reply to our mail watches from now on, as on the reporting mail. */
  private void addWatchersFromCc(Ticket ticket, ParsedMail mail) {
    List<String> added = ticket.addWatchers(watchers(mail, ticket));
    if (!added.isEmpty()) {
      ticket.addEntry(EntryKind.SYSTEM, mail.fromAddress(), tickets.now(),
          String.join(", ", added) + " added as " + (added.size() == 1 ? "a watcher" : "watchers")
              + " (on the requester's reply)");
    }
  }

  /** The other people on a mail: its To and Cc but the requester and the desk's own addresses. */
  private List<String> watchers(ParsedMail mail, Ticket ticket) {
    List<String> watchers = mail.recipients().stream()
        .filter(Ticket::isMailAddress)
        .filter(address -> !ticket.isRequester(address) && !desk.isDesk(address))
        .distinct().toList();
    if (watchers.size() > Ticket.MAX_WATCHERS) {
      LOG.info("{} went to {} people; the first {} watch {}", mail.messageId(), watchers.size(), Ticket.MAX_WATCHERS,
          ticket.getKey());
    }
    return watchers;
  }

  private void keepAttachments(Ticket ticket, ParsedMail mail) {
    Instant now = tickets.now();
    mail.attachments().forEach(a -> attachments.save(new TicketAttachment(ticket, a.fileName(), a.contentType(),
        a.content(), now)));
    if (!mail.droppedAttachments().isEmpty()) {
      ticket.addEntry(EntryKind.SYSTEM, "engine", now,
          "Attachments over the size limit were not kept: " + droppedNames(mail));
    }
  }

  /** Their names, as many as a process variable holds (a mail may drop many, or name one absurdly). */
  private static String droppedNames(ParsedMail mail) {
    return ProcessText.fit(String.join(", ", mail.droppedAttachments()));
  }

  /**
   * A delivery report about a mail we sent (about one we received, anyone who saw that mail could
   * forge it): a failure mutes the address, a delay is only noted.
   */
  private Outcome bounce(ParsedMail mail, String mailbox) {
    Optional<MailMessage> bounced = mails.findByMessageId(mail.bounceOf())
        .filter(original -> original.getDirection() == MailDirection.OUT);
    bounced.ifPresent(original -> {
      if (mail.deliveryFailed()) {
        muted.save(new MutedAddress(original.getAddress(), "bounced: " + atMost(mail.subject(), 255), tickets.now()));
      }
      if (original.getTicketKey() != null) {
        tickets.get(original.getTicketKey()).addEntry(EntryKind.SYSTEM, "engine", tickets.now(), "Mail to "
            + original.getAddress() + (mail.deliveryFailed() ? " bounced; no more notifications until it writes again"
                : " is not delivered yet (the mail server reports a delay)") + ":\n\n" + mail.text());
      }
    });
    return record(mail, mailbox, bounced.map(MailMessage::getTicketKey).orElse(null), MailDisposition.BOUNCE,
        Outcome.IGNORED);
  }

  /** The ticket of the nearest mail it answers (In-Reply-To first, then References from the newest). */
  private Optional<Ticket> threadOf(ParsedMail mail, List<MailMessage> answered) {
    return mail.threadIds().stream()
        .flatMap(id -> answered.stream().filter(m -> m.getMessageId().equals(id) && m.getTicketKey() != null))
        .findFirst()
        .flatMap(m -> ticketRows.findByKey(m.getTicketKey()));
  }

  static Optional<String> quotedKey(String subject) {
    Matcher m = QUOTED_KEY.matcher(subject == null ? "" : subject.toUpperCase(Locale.ROOT));
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** RFC 3834 and common practice: never answer or ticket automatic, bulk or list mail. */
  private static boolean isAutomatic(ParsedMail mail) {
    String precedence = mail.precedence() == null ? "" : mail.precedence().toLowerCase(Locale.ROOT);
    return (mail.autoSubmitted() != null && !"no".equalsIgnoreCase(mail.autoSubmitted()))
        || mail.autoResponseSuppressed()
        || precedence.equals("bulk") || precedence.equals("junk") || precedence.equals("list")
        || mail.listId() != null;
  }

  private boolean overRateLimit(String sender) {
    return mails.countByAddressAndDirectionAndCreatedAtAfter(sender, MailDirection.IN,
        tickets.now().minus(Duration.ofHours(1))) >= policy.maxMailsPerSenderPerHour();
  }

  /**
   * A Reply-To names someone else as the requester, whom the desk then mails: rotating the From
   * address must not let anyone flood that person with acknowledgements in the desk's name.
   */
  private boolean overRateLimitOnBehalfOf(ParsedMail mail, String sender) {
    String requester = mail.requesterAddress().toLowerCase(Locale.ROOT);
    return !requester.equals(sender) && ticketRows.countByRequesterEmailAndOpenedAtAfter(requester,
        tickets.now().minus(Duration.ofHours(1))) >= policy.maxMailsPerSenderPerHour();
  }

  /** By the mail server's arrival time: a Date header can be missing, wrong or in the future. */
  private boolean isYoung(Instant receivedAt) {
    return receivedAt.isAfter(tickets.now().minus(policy.unknownKeyGrace()));
  }

  private Outcome record(ParsedMail mail, String mailbox, String ticketKey, MailDisposition disposition,
      Outcome outcome) {
    mails.save(new MailMessage(mail.messageId(), MailDirection.IN, ticketKey, mailbox, mail.fromAddress(),
        disposition, tickets.now()));
    LOG.info("Mail {} from {}: {}{}", mail.messageId(), mail.fromAddress(), disposition,
        ticketKey == null ? "" : " " + ticketKey);
    count(disposition.name());
    return outcome;
  }

  /** Every inbound mail is counted once by what happened to it (retries each time they happen). */
  private void count(String disposition) {
    meters.counter("itil.mail.received", "disposition", disposition).increment();
  }
}
