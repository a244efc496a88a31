package org.itilengine.request;

import static org.itilengine.request.ServiceRequestProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.exception.NotValidException;
import org.itilengine.incident.IncidentProcess;
import org.itilengine.request.ServiceRequestSettings.CatalogItem;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.NewTicket;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.itilengine.ticket.TicketType;
import org.springframework.stereotype.Component;

/** Opens the REQ ticket and copies what the catalog says about the item into the instance. */
@Component("registerServiceRequest")
public class RegisterServiceRequest implements JavaDelegate {

  static final String CATEGORY = "Service request";

  private final TicketService tickets;
  private final ServiceRequestSettings settings;

  public RegisterServiceRequest(TicketService tickets, ServiceRequestSettings settings) {
    this.tickets = tickets;
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String itemId = CATALOG_ITEM.require(execution);
    CatalogItem item = settings.item(itemId).orElseThrow(() -> new NotValidException(
        "No catalog item '" + itemId + "'; the catalog has " + settings.catalog().stream().map(CatalogItem::id).toList()));
    Ticket ticket = tickets.open(new NewTicket(TicketType.SERVICE_REQUEST,
        required(TITLE.find(execution).orElse(item.name()), TITLE.name()),
        IncidentProcess.wholeDescription(execution),
        required(REQUESTER_EMAIL.find(execution).orElse(null), REQUESTER_EMAIL.name()),
        REQUESTER_NAME.find(execution).orElse(null)));
    ticket.categorize(CATEGORY, item.name());
    // What the acknowledgement names; the SLA itself starts once the request may be fulfilled (StartRequestSla).
    ticket.setSlaTargets(null, tickets.now().plus(item.resolutionTime()));
    ticket.setProcessInstanceId(execution.getProcessInstanceId());
    String group = ACCESS_GROUP.find(execution).map(String::strip).filter(g -> !g.isEmpty()).orElse(null);
    String filedBy = REPORTED_BY.find(execution).orElse(ticket.getRequesterEmail());
    ticket.addEntry(EntryKind.SYSTEM, filedBy, tickets.now(),
        "Service request: " + item.name() + (group == null ? "" : " (" + group + ")") + ", filed by " + filedBy);

    Automation automation = item.automation();
    if (automation == Automation.GRANT_GROUP && group == null) {
      automation = null; // nothing to grant automatically: the fulfilment group reads the request
      ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), "No group named; fulfilled by hand");
    }
    boolean grantable = automation != Automation.GRANT_GROUP || item.grants(group);
    if (!grantable) {
      ticket.addEntry(EntryKind.SYSTEM, "engine", tickets.now(), group
          + " cannot be requested (not on the catalog's list of grantable groups); refused");
    }
    execution.setProcessBusinessKey(ticket.getKey());
    TICKET_KEY.set(execution, ticket.getKey());
    APPROVAL_REQUIRED.set(execution, item.approval());
    SELF_SERVICE.set(execution, item.selfService());
    AUTOMATION.set(execution, automation);
    GROUP_GRANTABLE.set(execution, grantable);
    FULFILMENT_GROUP.set(execution, item.fulfilmentGroup());
    APPROVAL_REMINDER_AFTER.set(execution, settings.approvalReminderAfter().toString());
    APPROVAL_ESCALATION_AFTER.set(execution, settings.approvalEscalationAfter().toString());
    VERIFICATION_VALID_FOR.set(execution, settings.verificationCodeValidFor().toString());
    VERIFICATION_ATTEMPTS_LEFT.set(execution, settings.verificationMaxAttempts());
  }

  private static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new NotValidException("A service request needs '" + name + "'");
    }
    return value.strip();
  }
}
