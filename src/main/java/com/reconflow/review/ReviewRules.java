package com.reconflow.review;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.reconflow.config.AsSystem;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * The review's decision tables in {@code processes/}: which group reviews a discrepancy and how
 * (discrepancy-routing), and which discrepancies close by rule without a person
 * (discrepancy-auto-resolution). Admins change them in Camunda Modeler; the latest deployed version
 * applies, and the engine's history keeps every evaluation with its inputs.
 */
@Component
public class ReviewRules {

    static final String ROUTING = "discrepancy-routing";
    static final String AUTO_RESOLUTION = "discrepancy-auto-resolution";

    /** Who reviews, how urgently, by when, and whether a finance manager approves the decision. */
    public record Routing(String candidateGroup, int priority, Duration sla, boolean secondApproval) {
    }

    private final DecisionService decisionService;
    private final IdentityService identityService;

    ReviewRules(DecisionService decisionService, IdentityService identityService) {
        this.decisionService = decisionService;
        this.identityService = identityService;
    }

    Routing route(Discrepancy d) {
        DmnDecisionResultEntries result = evaluate(ROUTING, d);
        if (result == null) {
            throw new IllegalStateException(ROUTING + " has no rule for discrepancy #" + d.id());
        }
        String sla = result.getEntry("sla");
        try {
            return new Routing(result.getEntry("candidateGroup"), ((Number) result.get("priority")).intValue(),
                    Duration.parse(sla), Boolean.TRUE.equals(result.get("secondApproval")));
        } catch (RuntimeException e) {
            throw new IllegalStateException(ROUTING + " gave an unusable result " + result.getEntryMap()
                    + " for discrepancy #" + d.id() + " (SLA must be an ISO-8601 duration such as PT24H)", e);
        }
    }

    /** The rule that resolves the discrepancy without a person, if one does. */
    Optional<String> autoResolution(Discrepancy d) {
        DmnDecisionResultEntries result = evaluate(AUTO_RESOLUTION, d);
        if (result == null || !Boolean.TRUE.equals(result.get("autoResolve"))) {
            return Optional.empty();
        }
        return Optional.of(AUTO_RESOLUTION + "/" + result.get("rule"));
    }

    /** Evaluated on ReconFlow's behalf: the user whose request opened the case needs no rights on the tables. */
    private DmnDecisionResultEntries evaluate(String key, Discrepancy d) {
        BigDecimal amount = d.difference() == null ? BigDecimal.ZERO : d.difference().abs();
        Map<String, Object> inputs = Map.of("code", d.type(), "source", d.source(), "amount", amount);
        return AsSystem.call(identityService,
                () -> decisionService.evaluateDecisionByKey(key).variables(inputs).evaluate().getFirstResult());
    }
}
