package org.itilengine.request;

import static org.itilengine.request.ServiceRequestProcess.*;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.itilengine.incident.IncidentProcess;
import org.itilengine.request.ServiceRequestSettings.CatalogItem;
import org.itilengine.request.ServiceRequestSettings.GrantableGroup;
import org.itilengine.security.OnBehalfOfCaller;
import org.itilengine.ticket.Ticket;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Service requests by REST: the catalog to choose from, and a request on a requester's behalf. */
@RestController
@RequestMapping("/api/requests")
public class ServiceRequestController {

  private final ServiceRequestSettings settings;
  private final RuntimeService runtime;
  private final IdentityService identity;

  public ServiceRequestController(ServiceRequestSettings settings, RuntimeService runtime, IdentityService identity) {
    this.settings = settings;
    this.runtime = runtime;
    this.identity = identity;
  }

  /** @param groups for access to a group, the groups that can be requested */
  public record CatalogEntry(String id, String name, boolean needsGroup, List<String> groups, boolean approval,
      boolean selfService, String resolutionTime) {
  }

  public record NewServiceRequest(String catalogItem, String requesterEmail, String requesterName, String title,
      String description, String accessGroup) {
  }

  public record Submitted(String ticketKey) {
  }

  @GetMapping("/catalog")
  public List<CatalogEntry> catalog() {
    return settings.catalog().stream().map(item -> new CatalogEntry(item.id(), item.name(),
        item.automation() == Automation.GRANT_GROUP,
        item.grantableGroups().stream().map(GrantableGroup::name).toList(), item.approval(), item.selfService(),
        item.resolutionTime().toString())).toList();
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  public Submitted submit(@RequestBody NewServiceRequest request) {
    String filedBy = OnBehalfOfCaller.requireAgentOrAdmin(identity, "Only service desk agents file requests here");
    CatalogItem item = settings.item(request.catalogItem()).orElseThrow(() -> new ResponseStatusException(
        HttpStatus.BAD_REQUEST, "No catalog item '" + request.catalogItem() + "'; GET /api/requests/catalog lists them"));
    if (request.requesterEmail() == null || !Ticket.isMailAddress(request.requesterEmail().strip())) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A service request needs the requester's mail address"
          + " (one plain address, name@example.org)");
    }
    if (item.automation() == Automation.GRANT_GROUP && (request.accessGroup() == null || request.accessGroup().isBlank())) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, item.name() + " needs 'accessGroup'");
    }
    if (request.accessGroup() != null && request.accessGroup().length() > MAX_ACCESS_GROUP_LENGTH) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A group name holds at most "
          + MAX_ACCESS_GROUP_LENGTH + " characters");
    }
    VariableMap variables = Variables.createVariables();
    CATALOG_ITEM.putIn(variables, item.id());
    REQUESTER_EMAIL.putIn(variables, request.requesterEmail().strip());
    REQUESTER_NAME.putIfPresent(variables, request.requesterName());
    TITLE.putIn(variables, request.title() == null || request.title().isBlank() ? item.name() : request.title());
    IncidentProcess.putDescription(variables, request.description());
    ACCESS_GROUP.putIn(variables, request.accessGroup() == null ? null : request.accessGroup().strip());
    REPORTED_BY.putIn(variables, filedBy);
    // The engine starts it on the agent's behalf.
    try {
      return new Submitted(OnBehalfOfCaller.run(identity, () -> runtime.createMessageCorrelation(
          MESSAGE_REQUEST_SUBMITTED).setVariables(variables).correlateStartMessage().getBusinessKey()));
    } catch (NotValidException e) { // a text longer than the ticket holds
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }
}
