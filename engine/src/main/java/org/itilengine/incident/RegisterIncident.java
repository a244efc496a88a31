package org.itilengine.incident;

import static org.itilengine.incident.IncidentProcess.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.spin.plugin.variable.SpinValues;
import org.itilengine.catalog.CategoryCatalog;
import org.itilengine.catalog.CategoryCatalog.Classification;
import org.itilengine.ticket.ConfigurationItemRepository;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.NewTicket;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.itilengine.ticket.TicketType;
import org.itilengine.ticket.Tier;
import org.springframework.stereotype.Component;

/** Opens the INC ticket for a new instance; the ticket key becomes the business key. */
@Component("registerIncident")
public class RegisterIncident implements JavaDelegate {

  private final TicketService tickets;
  private final ConfigurationItemRepository configurationItems;
  private final CategoryCatalog catalog;
  private final String categoryOptionsJson;

  public RegisterIncident(TicketService tickets, ConfigurationItemRepository configurationItems,
      CategoryCatalog catalog, ObjectMapper json) throws JsonProcessingException {
    this.tickets = tickets;
    this.configurationItems = configurationItems;
    this.catalog = catalog;
    this.categoryOptionsJson = json.writeValueAsString(catalog.formOptions());
  }

  @Override
  public void execute(DelegateExecution execution) {
    Ticket ticket = tickets.open(new NewTicket(TicketType.INCIDENT,
        required(TITLE.find(execution).orElse(null), TITLE.name()),
        wholeDescription(execution),
        required(REQUESTER_EMAIL.find(execution).orElse(null), REQUESTER_EMAIL.name()),
        REQUESTER_NAME.find(execution).orElse(null)));
    ticket.assess(IMPACT.require(execution), URGENCY.require(execution));
    ticket.setTier(Tier.L1);
    ticket.setProcessInstanceId(execution.getProcessInstanceId());
    String reporter = REPORTED_BY.find(execution).orElse(ticket.getRequesterEmail());
    ticket.addEntry(EntryKind.SYSTEM, reporter, tickets.now(), "Incident reported by " + reporter);

    // The requester may already have named a category; otherwise triage picks one.
    Classification classification = CATEGORY_PATH.find(execution).map(catalog::classify).orElse(null);
    if (classification != null) {
      ticket.categorize(classification.category(), classification.subcategory());
    }
    CONFIGURATION_ITEM.find(execution).ifPresent(name -> ticket.getConfigurationItems().add(
        configurationItems.findByName(name)
            .orElseThrow(() -> new NotValidException("No configuration item named '" + name + "'"))));
    execution.setProcessBusinessKey(ticket.getKey());
    TICKET_KEY.set(execution, ticket.getKey());
    TIER.set(execution, Tier.L1);
    CATEGORY.set(execution, classification == null ? null : classification.category());
    RESPONDED.set(execution, false);
    execution.setVariable(CATEGORY_OPTIONS.name(), SpinValues.jsonValue(categoryOptionsJson).create());
  }

  private static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new NotValidException("An incident needs '" + name + "'");
    }
    return value.strip();
  }
}
