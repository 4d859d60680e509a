package com.reconflow.stock.orders;

import java.time.Clock;
import java.util.Map;

import com.reconflow.config.AsSystem;
import com.reconflow.ingest.RecordsImported;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Asks for an import's order lines to be posted to the stock ledger: registers the posting (once per import,
 * by the database's primary key) and starts the {@code stock-posting} process, whose step is an asynchronous
 * job. A plain listener, so both happen in the import's transaction: they commit with the records or not at
 * all, survive a crash as a job, and any node does the work.
 */
@Component
class OrderStockPostingStart {

    static final String PROCESS = "stock-posting";
    static final String IMPORT_ID = "importId";

    private final OrderPostings postings;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final Clock clock;

    OrderStockPostingStart(OrderPostings postings, RuntimeService runtimeService, IdentityService identityService,
                           Clock clock) {
        this.postings = postings;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.clock = clock;
    }

    @EventListener
    public void onRecordsImported(RecordsImported imported) {
        long importId = imported.importId();
        if (postings.find(importId).isPresent() || !postings.hasArticleOrders(importId)
                || !postings.request(importId, clock.instant())) {
            return;
        }
        // ReconFlow's own doing: the uploader needs no right to this process.
        String processInstanceId = AsSystem.call(identityService, () -> runtimeService.startProcessInstanceByKey(
                PROCESS, "import-" + importId, Map.of(IMPORT_ID, importId)).getId());
        postings.linkProcess(importId, processInstanceId);
    }
}
