package com.reconflow.audit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** Answers an audit query from ReconFlow's records and Camunda's history together, oldest first, capped. */
@Service
class AuditService {

    private final ReconFlowTrail reconFlow;
    private final CamundaTrail camunda;
    private final int maxRows;

    AuditService(ReconFlowTrail reconFlow, CamundaTrail camunda, @Value("${recon.audit.max-rows:10000}") int maxRows) {
        this.reconFlow = reconFlow;
        this.camunda = camunda;
        this.maxRows = maxRows;
    }

    AuditTrail trail(AuditQuery query) {
        AuditScope scope = reconFlow.resolve(query, maxRows);
        AuditTrail.Collector collector = new AuditTrail.Collector(maxRows);
        reconFlow.read(scope, collector);
        camunda.read(scope, collector);
        return collector.trail(query);
    }
}
