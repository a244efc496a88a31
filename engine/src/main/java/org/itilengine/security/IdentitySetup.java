package org.itilengine.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.itilengine.incident.IncidentProcess;
import org.itilengine.request.ServiceRequestProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the ITIL groups, their authorizations and the shared Tasklist filters on every start, and
 * the demo users where the demo profile configures them. Everything is idempotent.
 */
@Component
@Order(0)
public class IdentitySetup implements ApplicationRunner {

  static final String FILTER_GROUP_QUEUE = "My groups' queue";
  static final String FILTER_MY_TASKS = "My tasks";

  private static final Logger LOG = LoggerFactory.getLogger(IdentitySetup.class);

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final TaskService tasks;
  private final DemoUsers demoUsers;

  public IdentitySetup(IdentityService identity, AuthorizationService authorizations, FilterService filters,
      TaskService tasks, DemoUsers demoUsers) {
    this.identity = identity;
    this.authorizations = authorizations;
    this.filters = filters;
    this.tasks = tasks;
    this.demoUsers = demoUsers;
  }

  @Override
  public void run(ApplicationArguments args) {
    boolean directoryManaged = identity.isReadOnly(); // users and groups come from LDAP
    for (ItilGroup group : ItilGroup.values()) {
      if (!directoryManaged) {
        createGroup(group);
      }
      if (group.isAgentGroup()) {
        grantAgent(group.id());
      }
    }
    grantProcessOwner(ItilGroup.PROCESS_OWNERS.id());
    createFilters();
    if (!directoryManaged) {
      seedDemoUsers();
    }
  }

  private void createGroup(ItilGroup itilGroup) {
    if (identity.createGroupQuery().groupId(itilGroup.id()).count() == 0) {
      Group group = identity.newGroup(itilGroup.id());
      group.setName(itilGroup.displayName());
      group.setType(itilGroup == ItilGroup.CAMUNDA_ADMIN ? Groups.GROUP_TYPE_SYSTEM : Groups.GROUP_TYPE_WORKFLOW);
      identity.saveGroup(group);
    }
  }

  /** Agents use Tasklist and read shared filters; task access comes from candidate groups. */
  private void grantAgent(String groupId) {
    grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(groupId, Resources.FILTER, ANY, Permissions.READ);
    // Read only: incidents and service requests are reported through /api/incidents,
    // /api/requests and mail, which start them on the agent's behalf. A direct start could begin
    // at any activity: after the approval or the code check, or on another ticket's key.
    grant(groupId, Resources.PROCESS_DEFINITION, IncidentProcess.KEY, ProcessDefinitionPermissions.READ);
    grant(groupId, Resources.PROCESS_DEFINITION, ServiceRequestProcess.KEY, ProcessDefinitionPermissions.READ);
    // Earlier versions let agents start both flows themselves; existing databases lose that here.
    revoke(groupId, Resources.PROCESS_DEFINITION, IncidentProcess.KEY, ProcessDefinitionPermissions.CREATE_INSTANCE);
    revoke(groupId, Resources.PROCESS_DEFINITION, ServiceRequestProcess.KEY,
        ProcessDefinitionPermissions.CREATE_INSTANCE);
    revoke(groupId, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
    grant(groupId, Resources.USER, ANY, Permissions.READ);
    grant(groupId, Resources.GROUP, ANY, Permissions.READ);
  }

  /**
   * Process owners deploy models (nobody else may), read and suspend the definitions, but read no
   * cases: an instance's variables, tasks and history are the working groups' (a security incident
   * the security team's only). Operators who repair failed cases in Cockpit are admins.
   */
  private void grantProcessOwner(String groupId) {
    grant(groupId, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    // Deploying, not deleting: a deployment deleted with its instances would take cases and their history along.
    grant(groupId, Resources.DEPLOYMENT, ANY, Permissions.CREATE, Permissions.READ);
    grant(groupId, Resources.PROCESS_DEFINITION, ANY, PROCESS_OWNER_ON_DEFINITIONS);
    grant(groupId, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
    grant(groupId, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
    grant(groupId, Resources.FILTER, ANY, Permissions.READ);
    // Earlier versions granted them everything on deployments and definitions and reading every instance.
    for (ProcessDefinitionPermissions permission : ProcessDefinitionPermissions.values()) {
      if (permission != ProcessDefinitionPermissions.NONE && permission != ProcessDefinitionPermissions.ALL
          && !List.of(PROCESS_OWNER_ON_DEFINITIONS).contains(permission)) {
        revoke(groupId, Resources.PROCESS_DEFINITION, ANY, permission);
      }
    }
    revoke(groupId, Resources.DEPLOYMENT, ANY, Permissions.DELETE);
    revoke(groupId, Resources.DECISION_DEFINITION, ANY, Permissions.UPDATE);
    revoke(groupId, Resources.DECISION_DEFINITION, ANY, Permissions.READ_HISTORY);
    revoke(groupId, Resources.DECISION_DEFINITION, ANY, Permissions.DELETE_HISTORY);
    revoke(groupId, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
  }

  /** Not UPDATE: a history time-to-live set to 0 through the API would have cases' history cleaned away. */
  private static final ProcessDefinitionPermissions[] PROCESS_OWNER_ON_DEFINITIONS = {
      ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.SUSPEND};

  private void revoke(String groupId, Resource resource, String resourceId, Permission permission) {
    for (Authorization authorization : authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).list()) {
      if (authorization.isPermissionGranted(permission)) {
        authorization.removePermission(permission); // a grant left with no permission grants nothing
        authorizations.saveAuthorization(authorization);
        LOG.info("Revoked {} on {} {} from group {}", permission.getName(), resource.resourceName(), resourceId,
            groupId);
      }
    }
  }

  private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    boolean exists = authorizations.createAuthorizationQuery()
        .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).count() > 0;
    if (exists) {
      return;
    }
    Authorization authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
    authorization.setGroupId(groupId);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    authorizations.saveAuthorization(authorization);
  }

  private void createFilters() {
    createFilter(FILTER_GROUP_QUEUE, -20, tasks.createTaskQuery()
        .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks().orderByTaskPriority().desc());
    createFilter(FILTER_MY_TASKS, -10, tasks.createTaskQuery()
        .taskAssigneeExpression("${currentUser()}").orderByDueDate().asc());
  }

  private void createFilter(String name, int priority, org.camunda.bpm.engine.task.TaskQuery query) {
    if (filters.createFilterQuery().filterName(name).count() == 0) {
      Filter filter = filters.newTaskFilter(name)
          .setQuery(query)
          .setProperties(Map.of("priority", priority, "description", name, "refresh", true));
      filters.saveFilter(filter);
    }
  }

  private void seedDemoUsers() {
    for (DemoUsers.DemoUser demo : demoUsers.users()) {
      if (identity.createUserQuery().userId(demo.id()).count() > 0) {
        continue;
      }
      User user = identity.newUser(demo.id());
      user.setFirstName(demo.firstName());
      user.setLastName(demo.lastName());
      user.setEmail(demo.email());
      user.setPassword(demoUsers.password());
      identity.saveUser(user);
      for (String group : demo.groups()) {
        identity.createMembership(demo.id(), group);
      }
      LOG.info("Demo user '{}' created in {}", demo.id(), demo.groups());
    }
  }
}
