package com.reconflow.run;

import com.reconflow.config.TaskActor;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The small steps of the proposal-review process, each a thin adapter onto {@link ProposalReview}. */
final class ProposalReviewHandlers {

    private ProposalReviewHandlers() {
    }

    static long proposalId(org.camunda.bpm.engine.delegate.VariableScope scope) {
        return ((Number) scope.getVariable(RunVariables.PROPOSAL_ID)).longValue();
    }

    /** Puts the pair's facts into the case so the form and Tasklist show them. */
    @Component("loadProposalDelegate")
    static class LoadProposal implements JavaDelegate {

        private final ProposalReview review;

        LoadProposal(ProposalReview review) {
            this.review = review;
        }

        @Override
        public void execute(DelegateExecution execution) {
            execution.setVariables(review.formVariables(proposalId(execution),
                    (String) execution.getVariable(RunVariables.BUSINESS_DATE)));
        }
    }

    /** Links the task to its proposal; on completion refuses an incomplete answer and notes who gave it. */
    @Component("proposalTaskListener")
    static class ProposalTask implements TaskListener {

        private final ProposalReview review;

        ProposalTask(ProposalReview review) {
            this.review = review;
        }

        @Override
        public void notify(DelegateTask task) {
            long id = proposalId(task);
            if (EVENTNAME_CREATE.equals(task.getEventName())) {
                review.linkTask(id, task.getId());
            } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
                try {
                    review.checkAnswer(task.getVariable(RunVariables.PROPOSAL_DECISION),
                            task.getVariable(RunVariables.PROPOSAL_COMMENT));
                } catch (IllegalArgumentException e) {
                    throw new ProcessEngineException("Proposal #" + id + " cannot be closed: " + e.getMessage());
                }
                task.setVariable(RunVariables.PROPOSAL_DECIDED_BY, TaskActor.of(task));
            }
        }
    }

    /** Confirms (links) or rejects (separates) the pair and matches the day again. */
    @Component("applyProposalDecisionDelegate")
    static class ApplyProposalDecision implements JavaDelegate {

        private final ProposalReview review;

        ApplyProposalDecision(ProposalReview review) {
            this.review = review;
        }

        @Override
        public void execute(DelegateExecution execution) {
            review.apply(CollectRecordsDelegate.runId(execution), proposalId(execution),
                    execution.getVariable(RunVariables.PROPOSAL_DECISION),
                    execution.getVariable(RunVariables.PROPOSAL_COMMENT),
                    (String) execution.getVariable(RunVariables.PROPOSAL_DECIDED_BY));
        }
    }
}
