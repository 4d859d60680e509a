package com.reconflow.review;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The review's decision tables as deployed from processes/, evaluated row by row with the DMN engine. */
class ReviewDecisionTablesTest {

    private static final DmnEngine ENGINE = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    private static final DmnDecision ROUTING = parse("processes/discrepancy-routing.dmn", ReviewRules.ROUTING);
    private static final DmnDecision AUTO = parse("processes/discrepancy-auto-resolution.dmn",
            ReviewRules.AUTO_RESOLUTION);

    @ParameterizedTest(name = "{0} from {1} of {2} → {3}, {4}, {5}, approval {6}")
    @CsvSource({
            // code, source, |difference|, group, priority, SLA, second approval
            "AMOUNT_MISMATCH,   tmall,     12000.00, finance-manager, 90, PT4H,  true",
            "MISSING_PAYMENT,   pos,       10000.00, finance-manager, 90, PT4H,  true",
            "PAYOUT_MISMATCH,   bank,       1500.00, finance,         80, PT8H,  true",
            "PAYOUT_MISMATCH,   bank,        999.99, finance,         70, PT8H,  false",
            "DUPLICATE_PAYMENT, wechatpay,   500.00, finance,         70, PT24H, true",
            "REFUND_UNEXPECTED, alipay,      499.99, finance,         50, PT24H, false",
            "AMOUNT_MISMATCH,   jd,         1000.00, finance,         60, PT24H, true",
            "FEE_MISMATCH,      alipay,        0.80, finance,         30, P3D,   false",
            "MISSING_ORDER,     card,         35.00, finance,         40, P2D,   false",
            "AMOUNT_MISMATCH,   pos,         999.99, finance,         40, P2D,   false",
            "STATUS_CONFLICT,   douyin,       88.00, finance,         50, PT24H, false",
            "STOCK_MISMATCH,    stock,         0.00, operations,      50, PT24H, false",
    })
    void routesByCodeSourceAndAmount(String code, String source, BigDecimal amount, String group, int priority,
                                     String sla, boolean secondApproval) {
        DmnDecisionResultEntries result = ENGINE.evaluateDecision(ROUTING,
                Map.of("code", code, "source", source, "amount", amount)).getSingleResult();
        assertThat(result.getEntryMap()).containsEntry("candidateGroup", group)
                .containsEntry("priority", priority)
                .containsEntry("sla", sla)
                .containsEntry("secondApproval", secondApproval);
    }

    @ParameterizedTest(name = "{0} of {2} → auto-resolved {3} by {4}")
    @CsvSource({
            "FEE_MISMATCH,    wechatpay, 0.05, true,  fee-difference-up-to-0.05",
            "FEE_MISMATCH,    wechatpay, 0.06, false, review",
            "PAYOUT_MISMATCH, bank,      0.02, true,  payout-rounding-up-to-0.02",
            "PAYOUT_MISMATCH, bank,      0.03, false, review",
            "AMOUNT_MISMATCH, tmall,     0.01, false, review",
            "MISSING_PAYMENT, jd,        0.00, false, review",
            "STOCK_MISMATCH,  stock,     0.00, false, review",
    })
    void resolvesOnlyKnownSmallDifferences(String code, String source, BigDecimal amount, boolean autoResolve,
                                          String rule) {
        DmnDecisionResultEntries result = ENGINE.evaluateDecision(AUTO,
                Map.of("code", code, "source", source, "amount", amount)).getSingleResult();
        assertThat(result.getEntryMap()).containsEntry("autoResolve", autoResolve).containsEntry("rule", rule);
    }

    @Test
    void everyCodeOfTheContractHasARoute() {
        for (String code : new String[]{"MISSING_PAYMENT", "MISSING_ORDER", "AMOUNT_MISMATCH", "DUPLICATE_PAYMENT",
                "REFUND_MISSING", "REFUND_UNEXPECTED", "REFUND_AMOUNT_MISMATCH", "FEE_MISMATCH", "PAYOUT_MISMATCH",
                "STATUS_CONFLICT", "STOCK_MISMATCH"}) {
            assertThat(ENGINE.evaluateDecision(ROUTING, Map.of("code", code, "source", "erp",
                    "amount", BigDecimal.ONE)).getResultList()).as(code).hasSize(1);
        }
    }

    private static DmnDecision parse(String resource, String key) {
        try (InputStream in = ReviewDecisionTablesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return ENGINE.parseDecision(key, in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
