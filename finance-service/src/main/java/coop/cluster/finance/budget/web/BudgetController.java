package coop.cluster.finance.budget.web;

import coop.cluster.finance.budget.BudgetAccess;
import coop.cluster.finance.budget.Budgets;
import coop.cluster.finance.budget.domain.Budget;
import coop.cluster.finance.budget.domain.ProjectBudget;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.plumbing.web.RequestBodies;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Project budgets over HTTP: finance staff record the partners' contributions; finance staff and
 * managers read budget against actual.
 */
@RestController
@Validated
@RequestMapping("/api/finance/projects")
class BudgetController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final String SEGMENT = "[A-Za-z0-9._-]{1,64}";
    static final String SEGMENT_MESSAGE = "{validation.segment}";

    private final Budgets budgets;
    private final jakarta.validation.Validator validator;

    BudgetController(Budgets budgets, jakarta.validation.Validator validator) {
        this.validator = validator;
        this.budgets = budgets;
    }

    record ContributionRequest(
            @NotBlank @Pattern(regexp = SEGMENT, message = SEGMENT_MESSAGE) String partnerId,
            @NotBlank
                    @Pattern(
                            regexp = "[0-9]{1,30}(\\.[0-9]{1,10})?",
                            message = "{validation.decimal.positive}")
                    String amount,
            @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
            @NotNull LocalDate date,
            @Size(max = 200) String reference) {}

    record ContributionView(
            String id,
            String projectId,
            String partnerId,
            String amount,
            String currency,
            LocalDate date,
            String reference,
            String account,
            Long sequence,
            String recordedBy,
            Instant recordedAt) {}

    record PartnerView(
            String memberId,
            String pledged,
            String received,
            String outstanding,
            String spent,
            String released,
            String remaining,
            String inKind) {}

    record BudgetView(
            String projectId,
            String title,
            String leaderId,
            String currency,
            int agreementVersion,
            Instant openedAt,
            String pledged,
            String received,
            String outstanding,
            String spent,
            String released,
            String unfunded,
            String remaining,
            List<PartnerView> partners) {

        static BudgetView of(ProjectBudget b) {
            return new BudgetView(
                    b.projectId(),
                    b.title(),
                    b.leaderId(),
                    b.currency(),
                    b.agreementVersion(),
                    b.openedAt(),
                    text(b.pledged()),
                    text(b.received()),
                    text(b.outstanding()),
                    text(b.spent()),
                    text(b.released()),
                    text(b.unfunded()),
                    text(b.remaining()),
                    b.partners().stream()
                            .map(
                                    p ->
                                            new PartnerView(
                                                    p.memberId(),
                                                    text(p.pledged()),
                                                    text(p.received()),
                                                    text(p.outstanding()),
                                                    text(p.spent()),
                                                    text(p.released()),
                                                    text(p.remaining()),
                                                    p.inKind()))
                            .toList());
        }
    }

    record Page(List<BudgetView> items, int page, int size, long total) {}

    @Operation(
            summary = "Record a partner's contribution",
            description =
                    "Finance staff; Idempotency-Key header required. {partnerId, amount, currency,"
                        + " date, reference?}. Posts Dr 1000 bank / Cr"
                        + " 2500:J:<project>:M:<partner>. 201; the same request again 200 with"
                        + " Idempotent-Replayed; 404 project-budget-not-found (no signed agreement"
                        + " yet); 422 contribution-partner-unknown, contribution-currency; 409"
                        + " contribution-key-reused.")
    @PostMapping("/{projectId}/contributions")
    ResponseEntity<ContributionView> contribute(
            @PathVariable @Pattern(regexp = SEGMENT) String projectId,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key,
            @RequestBody ContributionRequest request,
            Caller caller) {
        BudgetAccess.checkMayRecordContribution(caller);
        RequestBodies.valid(validator, request);
        if (key == null || key.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "idempotency-key-required");
        }
        if (key.isBlank() || key.length() > 128 || key.chars().anyMatch(Character::isISOControl)) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "idempotency-key-invalid", key);
        }
        Budgets.Contributed done =
                budgets.contribute(
                        projectId,
                        request.partnerId(),
                        Money.of(request.amount(), request.currency()),
                        request.date(),
                        request.reference(),
                        caller.subject(),
                        key);
        Budget.Contribution c = done.contribution();
        ContributionView view =
                new ContributionView(
                        c.id(),
                        projectId,
                        c.partnerId(),
                        text(c.amount()),
                        c.amount().currency().getCurrencyCode(),
                        c.date(),
                        c.reference(),
                        Budgets.partnerFunds(projectId, c.partnerId()),
                        c.sequence(),
                        c.recordedBy(),
                        c.recordedAt());
        return done.replayed()
                ? ResponseEntity.ok().header(REPLAYED, "true").body(view)
                : ResponseEntity.status(HttpStatus.CREATED).body(view);
    }

    @Operation(
            summary = "A project's budget against actual",
            description =
                    "Finance staff and managers. Per partner and in total: pledged, received,"
                        + " outstanding, spent (booked project expenses), released (what they took"
                        + " from the partners' funds), remaining (received minus released);"
                        + " unfunded: spending no partner's funds covered. 404"
                        + " project-budget-not-found.")
    @GetMapping("/{projectId}/budget")
    BudgetView budget(@PathVariable @Size(max = 64) String projectId, Caller caller) {
        BudgetAccess.checkMayRead(caller);
        return BudgetView.of(
                budgets.of(projectId)
                        .orElseThrow(
                                () ->
                                        new ProblemException(
                                                HttpStatus.NOT_FOUND,
                                                "project-budget-not-found",
                                                projectId)));
    }

    @Operation(
            summary = "Every project budget against actual",
            description =
                    "Finance staff and managers; the most "
                            + "recently opened first; page from 0, size 1 to 100.")
    @GetMapping("/budgets")
    Page budgets(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            Caller caller) {
        BudgetAccess.checkMayRead(caller);
        Budgets.Page found = budgets.page(page, size);
        return new Page(
                found.items().stream().map(BudgetView::of).toList(), page, size, found.total());
    }

    private static String text(Money money) {
        return money.amount().toPlainString();
    }
}
