package com.reconflow.stock.orders;

import com.reconflow.config.TaskActor;
import com.reconflow.stock.InsufficientStock;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/** The small steps of the oversell-review process, each a thin adapter onto {@link OversellReview}. */
final class OversellReviewHandlers {

    private OversellReviewHandlers() {
    }

    static long interceptionId(VariableScope scope) {
        return ((Number) scope.getVariable(OversellReview.INTERCEPTION_ID)).longValue();
    }

    static String comment(VariableScope scope) {
        return (String) scope.getVariable(OversellReview.COMMENT);
    }

    static String decidedBy(VariableScope scope) {
        return (String) scope.getVariable(OversellReview.DECIDED_BY);
    }

    /** A decision that cannot be applied refuses the task's completion, and the task says why. */
    static void apply(long id, Runnable decision) {
        try {
            decision.run();
        } catch (IllegalArgumentException | IllegalStateException | InsufficientStock e) {
            throw new ProcessEngineException("Interception #" + id + " cannot be decided so: " + e.getMessage(), e);
        }
    }

    /** Puts the order's facts and the other locations' stock into the case, for the form and Tasklist. */
    @Component("loadInterceptionDelegate")
    static class LoadInterception implements JavaDelegate {

        private final OversellReview review;

        LoadInterception(OversellReview review) {
            this.review = review;
        }

        @Override
        public void execute(DelegateExecution execution) {
            execution.setVariables(review.formVariables(interceptionId(execution)));
        }
    }

    /** On completion refuses an answer that cannot be applied, and notes who gave it. */
    @Component("oversellTaskListener")
    static class OversellTask implements TaskListener {

        private final OversellReview review;

        OversellTask(OversellReview review) {
            this.review = review;
        }

        @Override
        public void notify(DelegateTask task) {
            long id = interceptionId(task);
            apply(id, () -> review.checkAnswer(id, task.getVariable(OversellReview.DECISION),
                    task.getVariable(OversellReview.ALLOCATE_FROM), task.getVariable(OversellReview.COMMENT)));
            task.setVariable(OversellReview.DECIDED_BY, TaskActor.of(task));
        }
    }

    @Component("allocateOrderDelegate")
    static class AllocateOrder implements JavaDelegate {

        private final OversellReview review;

        AllocateOrder(OversellReview review) {
            this.review = review;
        }

        @Override
        public void execute(DelegateExecution execution) {
            long id = interceptionId(execution);
            apply(id, () -> review.allocate(id, execution.getVariable(OversellReview.ALLOCATE_FROM),
                    comment(execution), decidedBy(execution)));
        }
    }

    @Component("backOrderDelegate")
    static class BackOrder implements JavaDelegate {

        private final OversellReview review;

        BackOrder(OversellReview review) {
            this.review = review;
        }

        @Override
        public void execute(DelegateExecution execution) {
            long id = interceptionId(execution);
            apply(id, () -> review.backOrder(id, comment(execution), decidedBy(execution)));
        }
    }

    @Component("cancelOrderDelegate")
    static class CancelOrder implements JavaDelegate {

        private final OversellReview review;

        CancelOrder(OversellReview review) {
            this.review = review;
        }

        @Override
        public void execute(DelegateExecution execution) {
            long id = interceptionId(execution);
            apply(id, () -> review.cancel(id, comment(execution), decidedBy(execution)));
        }
    }
}
