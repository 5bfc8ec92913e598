package coop.cluster.finance.period.web;

import coop.cluster.finance.ledger.ClosedPeriod;
import coop.cluster.finance.period.PeriodAccess;
import coop.cluster.finance.period.Periods;
import coop.cluster.plumbing.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger's periods over HTTP: finance staff close them; finance staff and managers read them
 * and verify the seals. Refusals are problems (the ledger's LedgerProblemAdvice).
 */
@RestController
@Validated
@RequestMapping("/api/finance/periods")
class PeriodController {

    static final int MAX_PAGE = 100;

    private final Periods periods;

    PeriodController(Periods periods) {
        this.periods = periods;
    }

    @Operation(
            summary = "Close and seal a period",
            description =
                    "Finance staff only. {id}: a month (2026-03) or a quarter (2026-Q1). Closes"
                        + " every day after the previous closing through the end of the named"
                        + " period and seals its entries (SHA-256 chained to the previous seal);"
                        + " from then on an entry dated in it is refused (422 period-closed). 201"
                        + " with the closing; closing the same id again: 200 with the same seal and"
                        + " nothing written. 400 period-id-invalid; 409 period-already-closed"
                        + " (inside a closed period); 422 period-not-ended (its last day is today"
                        + " or later); 503 ledger-busy with Retry-After.")
    @PostMapping("/{id}/close")
    ResponseEntity<PeriodView> close(@PathVariable String id, Caller caller) {
        PeriodAccess.checkMayClose(caller);
        ClosedPeriod closed = periods.close(id, caller.subject());
        PeriodView view = PeriodView.of(closed);
        URI location = URI.create("/api/finance/periods/" + closed.seal().periodId());
        return closed.replayed()
                ? ResponseEntity.ok().location(location).body(view)
                : ResponseEntity.created(location).body(view);
    }

    @Operation(
            summary = "The closed periods",
            description =
                    "Finance staff and managers. The closings in order, oldest first, each with its"
                        + " seal (hash, previous hash, entry count, sequence range); page from 0,"
                        + " size 1 to 100 (default 20); closedThrough is the last closed day.")
    @GetMapping
    PeriodView.Page list(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE) int size,
            Caller caller) {
        PeriodAccess.checkMayRead(caller);
        List<ClosedPeriod> closed = periods.closedPeriods();
        List<PeriodView> views =
                closed.stream().skip((long) page * size).limit(size).map(PeriodView::of).toList();
        String through = closed.isEmpty() ? null : closed.getLast().seal().to().toString();
        return new PeriodView.Page(views, page, size, closed.size(), through);
    }

    @Operation(
            summary = "Verify the seals",
            description =
                    "Finance staff and managers. Recomputes every seal from the journal as stored:"
                        + " valid, the periods checked, and the first period whose recomputed seal"
                        + " differs from the stored one (an entry changed, removed or added in the"
                        + " store, a seal changed) with the expected and stored hashes and the"
                        + " reason.")
    @GetMapping("/verify")
    VerificationView verify(Caller caller) {
        PeriodAccess.checkMayRead(caller);
        return VerificationView.of(periods.verify());
    }

    @Operation(
            summary = "A period",
            description =
                    "Finance staff and managers. CLOSED with its seal, COVERED by a closing under"
                            + " another id (coveredBy), or OPEN. 400 period-id-invalid.")
    @GetMapping("/{id}")
    PeriodView period(@PathVariable String id, Caller caller) {
        PeriodAccess.checkMayRead(caller);
        return PeriodView.of(periods.period(id));
    }
}
