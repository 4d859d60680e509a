package com.reconflow.stock.replenishment;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reorder formula, the approval decision table as deployed from processes/, and the tasks' answer checks. */
class ReplenishmentRulesTest {

    private static final DmnEngine ENGINE = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    private static final DmnDecision APPROVAL = parse();

    private final ReorderPolicy policy = new ReorderPolicy(28, 14);

    @ParameterizedTest(name = "{0} sold in 28 days = {1}/day")
    @CsvSource({"0, 0.00", "16, 0.57", "28, 1.00", "100, 3.57", "1, 0.04"})
    void velocityIsTheAverageDailySaleOverTheWindow(long sold, String velocity) {
        assertThat(policy.velocity(sold)).isEqualByComparingTo(velocity);
    }

    @ParameterizedTest(name = "velocity {0}, lead {1} d, threshold {2}, available {3} → {4}")
    @CsvSource({
            "0.57, 3, 5,  4, 11",  // 0.57 x 17 + 5 - 4 = 10.69
            "1.00, 7, 10, 10, 21", // 21 + 10 - 10
            "0.00, 7, 5,  5, 1",   // nothing sold, at the reorder point: at least one
            "0.00, 7, 5,  0, 5",
            "2.50, 0, 0,  -3, 38", // 2.5 x 14 + 0 + 3 (owed to customers)
    })
    void suggestionCoversLeadTimeAndCoverDaysAndRefillsToTheThreshold(String velocity, int leadTime, long threshold,
                                                                       long available, long suggested) {
        assertThat(policy.suggestedQuantity(new BigDecimal(velocity), leadTime, threshold, available))
                .isEqualTo(suggested);
    }

    @ParameterizedTest(name = "cost known {0}, value {1} → approval {2}")
    @CsvSource({"true, 5000.00, false", "true, 5000.01, true", "true, 0.00, false", "true, 120000, true",
            "false, 0, true"})
    void aFinanceManagerApprovesAboveFiveThousandOrWhenTheCostIsUnknown(boolean costKnown, double value,
                                                                        boolean approval) {
        assertThat(ENGINE.evaluateDecision(APPROVAL, Map.of("costKnown", costKnown, "valueForDecision", value))
                .getSingleResult().getEntryMap()).containsEntry("approvalRequired", approval);
    }

    @Test
    void purchasingsAnswerIsCheckedFieldByField() {
        assertThat(ReplenishmentTasks.checkOrder("ORDER", 12L, " ACME ", null))
                .isEqualTo(new ReplenishmentTasks.Order("ORDER", 12, "ACME", null));
        assertThat(ReplenishmentTasks.checkOrder("ORDER", "7", "ACME", "x").quantity()).isEqualTo(7);
        assertThat(ReplenishmentTasks.checkOrder("ORDER", 7.0d, "ACME", "x").quantity()).isEqualTo(7);
        assertThatThrownBy(() -> ReplenishmentTasks.checkOrder("ORDER", 2.5d, "ACME", null))
                .hasMessage("quantity: a whole number, not '2.5'");
        assertThatThrownBy(() -> ReplenishmentTasks.checkOrder("ORDER", null, "ACME", null))
                .hasMessageStartingWith("quantity: a whole number");
        assertThatThrownBy(() -> ReplenishmentTasks.checkOrder("ORDER", 5, "x".repeat(101), null))
                .hasMessage("supplier: at most 100 characters");
        assertThatThrownBy(() -> ReplenishmentTasks.checkOrder("DISMISS", null, null, " "))
                .hasMessage("comment: say why no order is needed");
        assertThatThrownBy(() -> ReplenishmentTasks.checkOrder(null, 5, "ACME", null))
                .hasMessage("decision: ORDER or DISMISS, not 'null'");
        assertThat(ReplenishmentTasks.checkApproval("APPROVE", null)).isTrue();
        assertThat(ReplenishmentTasks.checkApproval("REJECT", "too much")).isFalse();
        assertThatThrownBy(() -> ReplenishmentTasks.checkApproval("REJECT", ""))
                .hasMessage("rejectionReason: a rejection needs the reason");
    }

    private static DmnDecision parse() {
        try (InputStream in = Files.newInputStream(Path.of("processes", "replenishment-approval.dmn"))) {
            return ENGINE.parseDecision("replenishment-approval", in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
