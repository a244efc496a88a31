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
import org.itilengine.connectors.notification.NotificationGateway;
import org.itilengine.email.TicketMailer;
import org.itilengine.people.PeopleDirectory;
import org.itilengine.request.ServiceRequestProcess;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.itilengine.ticket.TicketType;
import org.itilengine.ticket.Tier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Mails the requester about their incident or service request (the template is an input of the task). */
@Component("notifyRequester")
public class NotifyRequester implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(NotifyRequester.class);

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private final TicketService tickets;
  private final TicketMailer mailer;
  private final IncidentSettings settings;
  private final PeopleDirectory people;

  public NotifyRequester(TicketService tickets, TicketMailer mailer, IncidentSettings settings, PeopleDirectory people) {
    this.tickets = tickets;
    this.mailer = mailer;
    this.settings = settings;
    this.people = people;
  }

  @Override
  public void execute(DelegateExecution execution) {
    send(execution, TEMPLATE.require(execution));
  }

  /** Mails the requester this template, filled from the ticket and the instance's variables; copies to watchers. */
  public void send(DelegateExecution execution, RequesterMail which) {
    Ticket ticket = tickets.of(execution);
    if (which == RequesterMail.ACKNOWLEDGEMENT && ticket.getResolvedAt() != null) {
      // Its own branch: after a mail server outage it may run once the incident is resolved already.
      ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), "Acknowledgement not sent: resolved meanwhile");
      return;
    }
    Map<String, String> values = values(ticket, execution);
    String inReplyTo = REQUESTER_MESSAGE_ID.find(execution).orElse(null);
    mailer.send(ticket, ticket.getRequesterEmail(), which.template(), values, inReplyTo);
    if (which.copiedToWatchers() && ticket.getType() == TicketType.INCIDENT && !ticket.isSecurityCase()) {
      Map<String, String> copy = new HashMap<>(values);
      copy.put("droppedAttachments", ""); // about the requester's own mail
      copy.put("copyNote", "(A copy for you as a watcher of this incident. Only "
          + values.get("requesterName") + " can confirm or reopen it.)\n\n");
      colleagues(ticket).forEach(watcher -> sendCopy(ticket, watcher, which, copy, inReplyTo));
    }
  }

  private static List<String> colleagues(Ticket ticket) {
    return ticket.getWatchers().stream().filter(ticket::isRequesterColleague).sorted().toList();
  }

  /** A copy that cannot go out is noted, not retried: it must not hold up the requester's mail or the process. */
  private void sendCopy(Ticket ticket, String watcher, RequesterMail which, Map<String, String> values,
      String inReplyTo) {
    try {
      mailer.send(ticket, watcher, which.template(), values, inReplyTo);
    } catch (NotificationGateway.NotificationFailedException e) {
      LOG.warn("{}: copy of '{}' to watcher {} not sent: {}", ticket.getKey(), which.template(), watcher,
          e.getMessage());
      ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), "Copy to " + watcher + " not sent (" + which.template()
          + "): " + e.getMessage());
    }
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
    values.put("itemName", ticket.getSubcategory() == null ? "" : ticket.getSubcategory());
    values.put("approvalComment", ServiceRequestProcess.APPROVAL_COMMENT.find(execution).orElse(""));
    values.put("accessGroup", ServiceRequestProcess.ACCESS_GROUP.find(execution).orElse(""));
    values.put("autoCloseDays", String.valueOf(settings.autoCloseAfter().toDays()));
    values.put("nowWith", ticket.getTier() == Tier.VENDOR ? "We are working on it with the supplier"
        : "It is now with a more specialised team");
    String dropped = DROPPED_ATTACHMENTS.find(execution).orElse("");
    values.put("droppedAttachments", dropped.isEmpty() ? ""
        : "These attachments were over the size limit and were not kept: " + dropped);
    return values;
  }

  private static String format(Instant instant) {
    return instant == null ? "" : WHEN.format(instant);
  }
}
