package com.reconflow.security;

import java.util.List;

import com.reconflow.support.H2AppTest;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** What the engine lets an auditor do, asked of the engine itself: read history, change nothing. */
class AuditorGrantsTest extends H2AppTest {

    private static final List<String> AUDITOR = List.of(Groups.AUDITOR);

    @Autowired
    private AuthorizationService authorizations;

    @Test
    void anAuditorReadsInstancesTasksHistoryAndTheOperationLog() {
        assertThat(allowed(Permissions.READ_HISTORY, Resources.PROCESS_DEFINITION, "discrepancy-review")).isTrue();
        assertThat(allowed(Permissions.READ_TASK, Resources.PROCESS_DEFINITION, "discrepancy-review")).isTrue();
        assertThat(allowed(Permissions.READ, Resources.PROCESS_INSTANCE, "any-instance")).isTrue();
        assertThat(allowed(UserOperationLogCategoryPermissions.READ, Resources.OPERATION_LOG_CATEGORY, "TaskWorker")).isTrue();
        assertThat(allowed(Permissions.READ_HISTORY, Resources.DECISION_DEFINITION, "any-decision")).isTrue();
    }

    @Test
    void noGrantLetsAnAuditorStartClaimCompleteOrChangeAnything() {
        for (String definition : List.of("daily-reconciliation", "discrepancy-review", "*")) {
            for (Permission permission : List.of(ProcessDefinitionPermissions.CREATE_INSTANCE,
                    ProcessDefinitionPermissions.UPDATE, ProcessDefinitionPermissions.UPDATE_INSTANCE,
                    ProcessDefinitionPermissions.UPDATE_TASK, ProcessDefinitionPermissions.TASK_WORK,
                    ProcessDefinitionPermissions.TASK_ASSIGN, ProcessDefinitionPermissions.DELETE,
                    ProcessDefinitionPermissions.DELETE_INSTANCE, ProcessDefinitionPermissions.UPDATE_INSTANCE_VARIABLE,
                    ProcessDefinitionPermissions.UPDATE_TASK_VARIABLE, ProcessDefinitionPermissions.SUSPEND,
                    ProcessDefinitionPermissions.SUSPEND_INSTANCE, ProcessDefinitionPermissions.MIGRATE_INSTANCE,
                    ProcessDefinitionPermissions.RETRY_JOB, ProcessDefinitionPermissions.DELETE_HISTORY)) {
                assertThat(allowed(permission, Resources.PROCESS_DEFINITION, definition)).as(permission + " on " + definition)
                        .isFalse();
            }
        }
        for (Permission permission : List.of(ProcessInstancePermissions.CREATE, ProcessInstancePermissions.UPDATE,
                ProcessInstancePermissions.DELETE, ProcessInstancePermissions.UPDATE_VARIABLE,
                ProcessInstancePermissions.RETRY_JOB, ProcessInstancePermissions.SUSPEND)) {
            assertThat(allowed(permission, Resources.PROCESS_INSTANCE, "any-instance")).as(permission.getName()).isFalse();
        }
        for (Permission permission : List.of(TaskPermissions.CREATE, TaskPermissions.UPDATE, TaskPermissions.DELETE,
                TaskPermissions.TASK_WORK, TaskPermissions.TASK_ASSIGN, TaskPermissions.UPDATE_VARIABLE)) {
            assertThat(allowed(permission, Resources.TASK, "any-task")).as(permission.getName()).isFalse();
        }
        for (Resource resource : List.of(Resources.DEPLOYMENT, Resources.DECISION_DEFINITION, Resources.FILTER,
                Resources.USER, Resources.GROUP, Resources.AUTHORIZATION, Resources.BATCH)) {
            for (Permission permission : List.of(Permissions.CREATE, Permissions.UPDATE, Permissions.DELETE)) {
                if (!List.of(permission.getTypes()).contains(resource)) {
                    continue;
                }
                assertThat(allowed(permission, resource, "*")).as(permission.getName() + " on " + resource.resourceName())
                        .isFalse();
            }
        }
    }

    private boolean allowed(Permission permission, Resource resource, String resourceId) {
        return authorizations.isUserAuthorized("auditor", AUDITOR, permission, resource, resourceId);
    }
}
