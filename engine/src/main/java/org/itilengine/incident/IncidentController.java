package org.itilengine.incident;

import static org.itilengine.incident.IncidentProcess.*;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.itilengine.catalog.CategoryCatalog;
import org.itilengine.security.OnBehalfOfCaller;
import org.itilengine.ticket.Level;
import org.itilengine.ticket.Ticket;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Incidents reported by an agent over REST (a phone call, a walk-up), on the requester's behalf. */
@RestController
@RequestMapping("/api/incidents")
public class IncidentController {

  private final RuntimeService runtime;
  private final IdentityService identity;
  private final CategoryCatalog catalog;

  public IncidentController(RuntimeService runtime, IdentityService identity, CategoryCatalog catalog) {
    this.runtime = runtime;
    this.identity = identity;
    this.catalog = catalog;
  }

  public record NewIncident(String requesterEmail, String requesterName, String title, String description,
      Level impact, Level urgency, String categoryPath, String configurationItem) {
  }

  public record Reported(String ticketKey) {
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  public Reported report(@RequestBody NewIncident incident) {
    String reporter = OnBehalfOfCaller.requireAgentOrAdmin(identity, "Only service desk agents report incidents here");
    if (incident.requesterEmail() == null || !Ticket.isMailAddress(incident.requesterEmail().strip())) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "An incident needs the requester's mail address"
          + " (one plain address, name@example.org)");
    }
    if (incident.title() == null || incident.title().isBlank()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "An incident needs a title");
    }
    if (incident.impact() == null || incident.urgency() == null) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Give impact and urgency: LOW, MEDIUM or HIGH");
    }
    VariableMap variables = Variables.createVariables();
    REQUESTER_EMAIL.putIn(variables, incident.requesterEmail().strip());
    REQUESTER_NAME.putIfPresent(variables, incident.requesterName());
    TITLE.putIn(variables, incident.title().strip());
    putDescription(variables, incident.description());
    IMPACT.putIn(variables, incident.impact());
    URGENCY.putIn(variables, incident.urgency());
    if (incident.categoryPath() != null) {
      try {
        catalog.classify(incident.categoryPath());
      } catch (IllegalArgumentException e) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown category: " + e.getMessage());
      }
      CATEGORY_PATH.putIn(variables, incident.categoryPath());
    }
    CONFIGURATION_ITEM.putIfPresent(variables, incident.configurationItem());
    REPORTED_BY.putIn(variables, reporter);
    try {
      return new Reported(OnBehalfOfCaller.run(identity,
          () -> runtime.startProcessInstanceByKey(KEY, variables).getBusinessKey()));
    } catch (NotValidException e) {
      // an unknown configuration item, a text longer than the ticket holds
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }
}
