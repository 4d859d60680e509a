package com.reconflow.support;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * A process instance that may have ended, for camunda-bpm-assert's {@code BpmnAwareTests.assertThat},
 * which reads what it asserts ({@code isEnded}, {@code hasPassed}) from the history by the instance's id.
 * Instances started by a timer or ended within their start call have no runtime object to pass.
 */
public record HistoricInstance(HistoricProcessInstance historic) implements ProcessInstance {

    public static ProcessInstance of(HistoricProcessInstance historic) {
        return new HistoricInstance(historic);
    }

    @Override
    public String getId() {
        return historic.getId();
    }

    @Override
    public String getProcessInstanceId() {
        return historic.getId();
    }

    @Override
    public String getProcessDefinitionId() {
        return historic.getProcessDefinitionId();
    }

    @Override
    public String getProcessDefinitionKey() {
        return historic.getProcessDefinitionKey();
    }

    @Override
    public String getBusinessKey() {
        return historic.getBusinessKey();
    }

    @Override
    public String getRootProcessInstanceId() {
        return historic.getRootProcessInstanceId();
    }

    @Override
    public String getCaseInstanceId() {
        return historic.getCaseInstanceId();
    }

    @Override
    public String getTenantId() {
        return historic.getTenantId();
    }

    @Override
    public boolean isSuspended() {
        return HistoricProcessInstance.STATE_SUSPENDED.equals(historic.getState());
    }

    @Override
    public boolean isEnded() {
        return historic.getEndTime() != null;
    }
}
