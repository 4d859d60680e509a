package com.reconflow.run;

import java.util.List;
import java.util.Map;

import com.reconflow.matching.ManualPairRepository;
import com.reconflow.matching.ProposalRepository;
import com.reconflow.matching.RecordPair;
import com.reconflow.matching.StoredProposal;
import com.reconflow.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * People's say on how a run's records pair: proposed pairs to confirm or reject, manual links and
 * separations, and matching the day again after late data. Every change re-matches the day at once.
 */
@RestController
@RequestMapping("/api/runs/{runId}")
class PairingController {

    record Decision(@NotBlank @Size(max = 2000) String comment) {
    }

    record Pairing(@NotNull Long orderRecordId, @NotNull Long paymentRecordId,
                   @NotNull ManualPairRepository.Action action, @NotBlank @Size(max = 2000) String reason) {
    }

    private final RunService runs;
    private final ProposalRepository proposals;
    private final CurrentUser currentUser;

    PairingController(RunService runs, ProposalRepository proposals, CurrentUser currentUser) {
        this.runs = runs;
        this.proposals = proposals;
        this.currentUser = currentUser;
    }

    @GetMapping("/proposals")
    List<StoredProposal> proposals(@PathVariable long runId) {
        return proposals.findByRun(requireRun(runId));
    }

    @PostMapping("/proposals/{proposalId}/confirm")
    RunService.Rematch confirm(@PathVariable long runId, @PathVariable long proposalId,
                               @Valid @RequestBody Decision decision) {
        return runs.decideProposal(requireRun(runId), proposalId, true, decision.comment(), currentUser.id());
    }

    @PostMapping("/proposals/{proposalId}/reject")
    RunService.Rematch reject(@PathVariable long runId, @PathVariable long proposalId,
                              @Valid @RequestBody Decision decision) {
        return runs.decideProposal(requireRun(runId), proposalId, false, decision.comment(), currentUser.id());
    }

    @PostMapping("/pairs")
    RunService.Rematch pair(@PathVariable long runId, @Valid @RequestBody Pairing pairing) {
        return runs.pair(requireRun(runId), new RecordPair(pairing.orderRecordId(), pairing.paymentRecordId()),
                pairing.action(), pairing.reason(), currentUser.id());
    }

    @PostMapping("/rematch")
    RunService.Rematch rematch(@PathVariable long runId) {
        return runs.rematch(requireRun(runId));
    }

    @ExceptionHandler(RunStateException.class)
    ResponseEntity<Map<String, String>> conflict(RunStateException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("message", e.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("message", e.getMessage()));
    }

    private long requireRun(long runId) {
        return runs.require(runId).id();
    }
}
