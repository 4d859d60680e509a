package com.reconflow.config;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who acts on a user task: the logged-in user, else its assignee, else ReconFlow itself. */
public final class TaskActor {

    /** The actor of steps nobody in particular took (a timer, an engine call without a user). */
    public static final String SYSTEM = "system";

    private TaskActor() {
    }

    public static String of(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService()
                .getCurrentAuthentication();
        if (authentication != null && authentication.getUserId() != null) {
            return authentication.getUserId();
        }
        return task.getAssignee() != null ? task.getAssignee() : SYSTEM;
    }
}
