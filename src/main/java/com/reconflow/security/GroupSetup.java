package com.reconflow.security;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates ReconFlow's groups and what each may do in the Camunda webapps, in every profile.
 * Idempotent, so every node may run it at start-up.
 */
@Component
@Order(1)
class GroupSetup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(GroupSetup.class);

    private record Grant(String group, Resource resource, String resourceId, Permission... permissions) {
    }

    private static final List<Grant> GRANTS = List.of(
            // Finance works discrepancies in Tasklist; task rights come with the candidate group.
            new Grant(Groups.FINANCE, Resources.APPLICATION, "tasklist", Permissions.ACCESS),
            new Grant(Groups.FINANCE, Resources.FILTER, "*", Permissions.READ),
            new Grant(Groups.FINANCE, Resources.PROCESS_DEFINITION, "*", Permissions.READ),
            new Grant(Groups.FINANCE_MANAGER, Resources.APPLICATION, "tasklist", Permissions.ACCESS),
            new Grant(Groups.FINANCE_MANAGER, Resources.FILTER, "*", Permissions.READ),
            new Grant(Groups.FINANCE_MANAGER, Resources.PROCESS_DEFINITION, "*", Permissions.READ,
                    Permissions.READ_HISTORY),
            // Starting a day's run (POST /api/runs) starts its process as the caller, for the audit trail.
            new Grant(Groups.FINANCE, Resources.PROCESS_DEFINITION, "daily-reconciliation", Permissions.CREATE_INSTANCE),
            new Grant(Groups.FINANCE, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE),
            new Grant(Groups.FINANCE_MANAGER, Resources.PROCESS_DEFINITION, "daily-reconciliation",
                    Permissions.CREATE_INSTANCE),
            new Grant(Groups.FINANCE_MANAGER, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE),
            new Grant(Groups.OPERATIONS, Resources.PROCESS_DEFINITION, "daily-reconciliation",
                    Permissions.CREATE_INSTANCE),
            new Grant(Groups.PURCHASING, Resources.APPLICATION, "tasklist", Permissions.ACCESS),
            new Grant(Groups.PURCHASING, Resources.FILTER, "*", Permissions.READ),
            // Purchasing works replenishment cases in Tasklist (task rights come with the candidate group).
            new Grant(Groups.PURCHASING, Resources.PROCESS_DEFINITION, "replenishment", Permissions.READ),
            // Operations keeps runs moving: sees instances and incidents, retries failed jobs, and decides in
            // Tasklist about channel data still missing at a run's deadline.
            new Grant(Groups.OPERATIONS, Resources.APPLICATION, "cockpit", Permissions.ACCESS),
            new Grant(Groups.OPERATIONS, Resources.APPLICATION, "tasklist", Permissions.ACCESS),
            new Grant(Groups.OPERATIONS, Resources.FILTER, "*", Permissions.READ),
            new Grant(Groups.OPERATIONS, Resources.PROCESS_DEFINITION, "*", Permissions.READ,
                    Permissions.READ_INSTANCE, Permissions.UPDATE_INSTANCE, Permissions.READ_HISTORY),
            new Grant(Groups.OPERATIONS, Resources.PROCESS_INSTANCE, "*", Permissions.READ, Permissions.UPDATE,
                    Permissions.CREATE),
            new Grant(Groups.OPERATIONS, Resources.DEPLOYMENT, "*", Permissions.READ),
            // Auditors read everything, change nothing: no UPDATE, CREATE, DELETE or TASK_WORK anywhere, so no
            // claiming, completing, starting or retrying, in Tasklist, Cockpit or over /engine-rest.
            new Grant(Groups.AUDITOR, Resources.APPLICATION, "cockpit", Permissions.ACCESS),
            new Grant(Groups.AUDITOR, Resources.APPLICATION, "tasklist", Permissions.ACCESS),
            new Grant(Groups.AUDITOR, Resources.FILTER, "*", Permissions.READ),
            new Grant(Groups.AUDITOR, Resources.PROCESS_DEFINITION, "*", Permissions.READ,
                    Permissions.READ_INSTANCE, Permissions.READ_TASK, Permissions.READ_HISTORY),
            new Grant(Groups.AUDITOR, Resources.PROCESS_INSTANCE, "*", Permissions.READ),
            new Grant(Groups.AUDITOR, Resources.DEPLOYMENT, "*", Permissions.READ),
            new Grant(Groups.AUDITOR, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY),
            new Grant(Groups.AUDITOR, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ),
            // The user operation log of every category (task work, operations, administration) over REST.
            new Grant(Groups.AUDITOR, Resources.OPERATION_LOG_CATEGORY, "*", UserOperationLogCategoryPermissions.READ),
            // Only consulted when historic instance permissions are turned on; then auditors keep reading.
            new Grant(Groups.AUDITOR, Resources.HISTORIC_PROCESS_INSTANCE, "*", HistoricProcessInstancePermissions.READ),
            new Grant(Groups.AUDITOR, Resources.HISTORIC_TASK, "*", HistoricTaskPermissions.READ));

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;

    GroupSetup(IdentityService identityService, AuthorizationService authorizationService) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (String id : Groups.ALL) {
            if (identityService.createGroupQuery().groupId(id).count() == 0) {
                Group group = identityService.newGroup(id);
                group.setName(id);
                group.setType(Groups.ADMIN.equals(id) ? "SYSTEM" : "WORKFLOW");
                identityService.saveGroup(group);
                log.info("Created group {}", id);
            }
        }
        GRANTS.forEach(this::grant);
    }

    private void grant(Grant grant) {
        boolean exists = authorizationService.createAuthorizationQuery()
                .groupIdIn(grant.group())
                .resourceType(grant.resource())
                .resourceId(grant.resourceId())
                .count() > 0;
        if (exists) {
            return;
        }
        Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setGroupId(grant.group());
        authorization.setResource(grant.resource());
        authorization.setResourceId(grant.resourceId());
        for (Permission permission : grant.permissions()) {
            authorization.addPermission(permission);
        }
        authorizationService.saveAuthorization(authorization);
    }
}
