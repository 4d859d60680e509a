package com.reconflow.deploy;

import java.util.List;
import java.util.Map;

import com.reconflow.review.ReviewVariables;
import com.reconflow.run.RunVariables;
import com.reconflow.stock.orders.OversellReview;
import com.reconflow.stock.replenishment.ReplenishmentVariables;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Tasklist's filters: each person sees their groups' open discrepancies, the decisions waiting for
 * their approval, and (operations) the days waiting for missing channel data and the oversold orders,
 * and (purchasing, finance managers) low stock to reorder, most urgent first.
 * Created once, at start-up, by name; an admin may change them in Tasklist afterwards and they stay
 * as changed.
 */
@Component
@Order(2)
class TasklistFilters implements ApplicationRunner {

    static final String OPEN_DISCREPANCIES = "My group's open discrepancies";
    static final String AWAITING_APPROVAL = "Awaiting my approval";
    static final String MISSING_DATA = "Missing channel data";
    static final String OVERSOLD_ORDERS = "Oversold orders";
    static final String REPLENISHMENT = "Replenishment";

    private static final Logger log = LoggerFactory.getLogger(TasklistFilters.class);

    private final FilterService filterService;
    private final TaskService taskService;

    TasklistFilters(FilterService filterService, TaskService taskService) {
        this.filterService = filterService;
        this.taskService = taskService;
    }

    @Override
    public void run(ApplicationArguments args) {
        create(OPEN_DISCREPANCIES, "Discrepancies routed to one of your groups, or claimed by you", -20, "#b5152b",
                forMyGroups(ReviewVariables.PROCESS_KEY, "reviewDiscrepancy"));
        create(AWAITING_APPROVAL, "Decisions above the threshold waiting for a second finance manager", -10,
                "#3c85b5", forMyGroups(ReviewVariables.PROCESS_KEY, "approveDecision"));
        create(MISSING_DATA, "Days whose channel data did not all arrive by the deadline: retry, postpone or proceed",
                -5, "#8a6d3b", forMyGroups(RunVariables.PROCESS_KEY, "missingChannelData"));
        create(OVERSOLD_ORDERS, "Imported orders that took more than was available: allocate, back-order or cancel",
                -4, "#c7701a", forMyGroups(OversellReview.PROCESS, "decideOversell"));
        create(REPLENISHMENT, "Low stock to reorder (purchasing) and purchase orders awaiting approval (finance managers)",
                0, "#2e7d32", forMyGroups(ReplenishmentVariables.PROCESS_KEY, null));
    }

    private TaskQuery forMyGroups(String processKey, String taskDefinitionKey) {
        TaskQuery query = taskService.createTaskQuery().processDefinitionKey(processKey);
        if (taskDefinitionKey != null) {
            query.taskDefinitionKey(taskDefinitionKey);
        }
        query.taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks();
        query.orderByTaskPriority().desc().orderByDueDate().asc();
        return query;
    }

    private void create(String name, String description, int priority, String color, TaskQuery query) {
        List<Filter> existing = filterService.createTaskFilterQuery().filterName(name).list();
        if (!existing.isEmpty()) {
            return;
        }
        Filter filter = filterService.newTaskFilter(name)
                .setOwner(null)
                .setQuery(query)
                .setProperties(Map.of("description", description, "priority", priority, "color", color,
                        "refresh", true));
        filterService.saveFilter(filter);
        log.info("Created the Tasklist filter '{}'", name);
    }
}
