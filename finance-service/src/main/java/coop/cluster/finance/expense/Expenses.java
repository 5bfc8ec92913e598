package coop.cluster.finance.expense;

import coop.cluster.finance.expense.domain.Expense;
import coop.cluster.finance.expense.domain.ExpenseRuleViolation;
import coop.cluster.finance.expense.domain.ExpenseState;
import coop.cluster.finance.expense.persistence.ExpenseStore;
import coop.cluster.finance.ledger.Bookkeeping;
import coop.cluster.finance.ledger.PostedEntry;
import coop.cluster.finance.ledger.domain.AccountBalance;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.ExpenseCategory;
import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.plumbing.web.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Expense claims from submission to payment, correct without transactions.
 *
 * <p>Each step that posts is done in three writes, each safe to repeat: (1) the expense moves to
 * its next state with the step's content (who, when, the date and, for an approval, the project
 * funds it releases) by a compare-and-set on its version, marked pending; (2) the step's entry,
 * derived from the stored expense alone, is posted under a deterministic idempotency key ({@code
 * expense-approval:<id>}, {@code expense-payment:<id>}), so posting it again is a replay; (3) the
 * step is marked posted. A crash between (1) and (3) leaves a pending step that the same request
 * again, any later step, or the repair sweep ({@link #repair}) completes. If the ledger refuses the
 * entry (nothing is then posted), the state is set back by another compare-and-set; an approval
 * whose release of project funds was overtaken by another release is planned again from the new
 * balances first.
 */
@Service
public class Expenses implements ProjectSpending {

    public static final String STEPS_METRIC = "cluster.finance.expenses";
    static final Duration REPAIR_AFTER = Duration.ofSeconds(30);
    private static final int ATTEMPTS = 20;
    private static final Logger log = LoggerFactory.getLogger(Expenses.class);

    private final ExpenseStore store;
    private final Bookkeeping ledger;
    private final Clock clock;
    private final Map<Step, Counter> steps = new EnumMap<>(Step.class);

    enum Step {
        SUBMITTED,
        APPROVED,
        REJECTED,
        PAID
    }

    @Autowired
    Expenses(ExpenseStore store, Bookkeeping ledger, MeterRegistry meters) {
        this(store, ledger, meters, Clock.systemUTC());
    }

    Expenses(ExpenseStore store, Bookkeeping ledger, MeterRegistry meters, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.clock = clock;
        for (Step step : Step.values()) {
            steps.put(
                    step,
                    Counter.builder(STEPS_METRIC)
                            .description("Expense steps completed, by step")
                            .tag("step", step.name().toLowerCase(java.util.Locale.ROOT))
                            .register(meters));
        }
    }

    /** What a submission carries. */
    public record Claim(
            ExpenseCategory category,
            Money amount,
            String receiptReference,
            String payeeName,
            String payeeMemberId,
            String description,
            String projectId,
            String partnerId) {}

    /**
     * A submitted expense, and whether it was there already (a replay of the same Idempotency-Key).
     */
    public record Submitted(Expense expense, boolean replayed) {}

    /**
     * Records a claim. With an Idempotency-Key the expense's id derives from the submitter and the
     * key: the same claim again is a replay, another claim under the same key {@code
     * expense-key-reused}. A claim in another currency than the ledger keeps the category's account
     * in is refused ({@code currency-mismatch}).
     */
    public Submitted submit(String submitter, Claim claim, String key) {
        java.util.Currency kept = ledger.chart().get(claim.category().accountCode()).currency();
        if (!kept.equals(claim.amount().currency())) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.CURRENCY_MISMATCH,
                    "the ledger keeps "
                            + claim.category().accountCode()
                            + " in "
                            + kept.getCurrencyCode()
                            + ", not "
                            + claim.amount().currency().getCurrencyCode());
        }
        String id =
                key == null
                        ? UUID.randomUUID().toString()
                        : UUID.nameUUIDFromBytes(
                                        ("expense:" + submitter + '\u0000' + key)
                                                .getBytes(StandardCharsets.UTF_8))
                                .toString();
        Expense expense =
                Expense.submitted(
                        id,
                        claim.category(),
                        claim.amount(),
                        claim.receiptReference(),
                        claim.payeeName(),
                        claim.payeeMemberId(),
                        claim.description(),
                        claim.projectId(),
                        claim.partnerId(),
                        submitter,
                        clock.instant(),
                        key);
        if (store.insert(expense)) {
            steps.get(Step.SUBMITTED).increment();
            log.info(
                    "Expense {} submitted by {}: {} {}",
                    id,
                    submitter,
                    claim.category(),
                    claim.amount());
            return new Submitted(expense, false);
        }
        Expense existing =
                store.find(id)
                        .orElseThrow(
                                () -> new IllegalStateException("expense " + id + " vanished"));
        if (!existing.sameClaimAs(expense)) {
            throw new ProblemException(HttpStatus.CONFLICT, "expense-key-reused", key);
        }
        return new Submitted(existing, true);
    }

    public java.util.Optional<Expense> find(String id) {
        return store.find(id);
    }

    /** A page of expenses, and how many match in all. */
    public record Page(List<Expense> items, long total) {}

    public Page list(
            ExpenseState state,
            ExpenseCategory category,
            String projectId,
            String submittedBy,
            int page,
            int size) {
        ExpenseStore.Page found = store.list(state, category, projectId, submittedBy, page, size);
        return new Page(found.items(), found.total());
    }

    /**
     * Approves as {@code approver}; the submitter may not ({@code expense-self-approval}, nothing
     * posted). An approved expense whose entry is not yet posted is completed whoever asks; it is
     * answered as approved to a retry (the same Idempotency-Key, or without one the same approver
     * while the step was pending), and with {@code expense-state} to anyone else.
     */
    public Expense approve(String id, String approver, Long ifMatch, LocalDate date, String key) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Expense read = load(id);
            if (approver.equals(read.submittedBy())) {
                throw new ProblemException(HttpStatus.FORBIDDEN, "expense-self-approval", id);
            }
            if (read.state() == ExpenseState.APPROVED || read.state() == ExpenseState.PAID) {
                Expense done = read.approvalPending() ? completeApproval(read) : read;
                boolean retry =
                        key != null
                                ? key.equals(done.approval().key())
                                : read.approvalPending() && approver.equals(done.approval().by());
                if (retry) {
                    return done;
                }
                throw new ProblemException(
                        HttpStatus.CONFLICT,
                        "expense-state",
                        id,
                        done.state(),
                        ExpenseState.APPROVED);
            }
            checkVersion(read, ifMatch);
            Expense next =
                    decided(
                            () ->
                                    read.approve(
                                            approver,
                                            clock.instant(),
                                            date(date),
                                            plan(read),
                                            key));
            if (store.replace(read, next)) {
                log.info("Expense {} approved by {}", id, approver);
                return completeApproval(next);
            }
        }
        throw busy(id);
    }

    /** Rejects with a reason; nothing is posted. */
    public Expense reject(String id, String by, Long ifMatch, String reason) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Expense read = load(id);
            checkVersion(read, ifMatch);
            Expense next = decided(() -> read.reject(by, clock.instant(), reason));
            if (store.replace(read, next)) {
                steps.get(Step.REJECTED).increment();
                log.info("Expense {} rejected by {}: {}", id, by, reason);
                return next;
            }
        }
        throw busy(id);
    }

    /** Pays an approved expense from the bank; a pending approval is completed first. */
    public Expense pay(
            String id, String by, Long ifMatch, LocalDate date, String reference, String key) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Expense read = load(id);
            if (read.approvalPending()) {
                completeApproval(read);
                continue;
            }
            if (read.state() == ExpenseState.PAID) {
                Expense done = read.paymentPending() ? completePayment(read) : read;
                boolean retry =
                        key != null
                                ? key.equals(done.payment().key())
                                : read.paymentPending() && by.equals(done.payment().by());
                if (retry) {
                    return done;
                }
                throw new ProblemException(
                        HttpStatus.CONFLICT, "expense-state", id, done.state(), ExpenseState.PAID);
            }
            checkVersion(read, ifMatch);
            Expense next = decided(() -> read.pay(by, clock.instant(), date(date), reference, key));
            if (store.replace(read, next)) {
                log.info("Expense {} paid by {}", id, by);
                return completePayment(next);
            }
        }
        throw busy(id);
    }

    /**
     * Completes every step begun more than {@link #REPAIR_AFTER} ago and still not in the ledger.
     */
    @Scheduled(
            fixedDelayString = "${cluster.finance.repair-interval:PT30S}",
            initialDelayString = "${cluster.finance.repair-interval:PT30S}")
    public int repair() {
        int repaired = 0;
        for (Expense pending : store.pendingBefore(clock.instant().minus(REPAIR_AFTER), 100)) {
            try {
                if (pending.approvalPending()) {
                    completeApproval(pending);
                } else if (pending.paymentPending()) {
                    completePayment(pending);
                }
                repaired++;
            } catch (RuntimeException failed) {
                log.warn(
                        "Repair of expense {} did not complete: {}",
                        pending.id(),
                        failed.getMessage());
            }
        }
        if (repaired > 0) {
            log.info("Repair sweep completed {} pending expense step(s)", repaired);
        }
        return repaired;
    }

    @Override
    public List<Expense> booked(String projectId) {
        return store
                .ofProject(projectId, List.of(ExpenseState.APPROVED, ExpenseState.PAID))
                .stream()
                .filter(expense -> expense.approval() != null && expense.approval().posted())
                .toList();
    }

    /**
     * Posts a pending approval and marks it posted; replans or undoes it when the ledger refuses.
     */
    Expense completeApproval(Expense pending) {
        Expense current = pending;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            PostedEntry posted;
            try {
                posted = ledger.post(current.approvalEntry());
            } catch (LedgerViolation refused) {
                Expense fresh = load(current.id());
                if (!fresh.approvalPending()) {
                    return fresh; // completed or undone meanwhile
                }
                List<Expense.Release> again = plan(fresh);
                if (refused.reason() == LedgerViolation.Reason.ACCOUNT_WOULD_GO_NEGATIVE
                        && !again.equals(fresh.approval().releases())) {
                    Expense replanned = fresh.replanned(again);
                    current = store.replace(fresh, replanned) ? replanned : load(current.id());
                    continue;
                }
                if (store.replace(fresh, fresh.approvalUndone())) {
                    log.warn(
                            "Approval of expense {} refused by the ledger, set back to submitted:"
                                    + " {}",
                            fresh.id(),
                            refused.getMessage());
                    throw refused;
                }
                current = load(current.id());
                continue;
            }
            Expense done = markPosted(current, posted.sequence(), true);
            return done;
        }
        throw busy(pending.id());
    }

    Expense completePayment(Expense pending) {
        PostedEntry posted;
        try {
            posted = ledger.post(pending.paymentEntry());
        } catch (LedgerViolation refused) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Expense fresh = load(pending.id());
                if (!fresh.paymentPending()) {
                    return fresh;
                }
                if (store.replace(fresh, fresh.paymentUndone())) {
                    log.warn(
                            "Payment of expense {} refused by the ledger, set back to approved: {}",
                            fresh.id(),
                            refused.getMessage());
                    throw refused;
                }
            }
            throw busy(pending.id());
        }
        return markPosted(pending, posted.sequence(), false);
    }

    /**
     * Marks the step posted. If another caller undid it meanwhile (its own post was refused just
     * before this one's went through), the step is restored as posted: the entry is in the ledger,
     * so the expense must say so.
     */
    private Expense markPosted(Expense pending, long sequence, boolean approval) {
        Expense current = pending;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            boolean stillPending = approval ? current.approvalPending() : current.paymentPending();
            Expense next;
            if (stillPending) {
                // the content posted, not what may have been planned again since
                next =
                        approval
                                ? current.approvalPostedAs(
                                        pending.approvalPosted(sequence).approval())
                                : current.paymentPosted(sequence);
            } else if (approval
                    && current.state() == ExpenseState.SUBMITTED
                    && current.approval() == null) {
                next = current.approvalRestored(pending.approvalPosted(sequence).approval());
                log.warn(
                        "Approval of expense {} was undone after this caller posted it; restored",
                        current.id());
            } else if (!approval
                    && current.state() == ExpenseState.APPROVED
                    && current.payment() == null) {
                next = current.paymentRestored(pending.paymentPosted(sequence).payment());
                log.warn(
                        "Payment of expense {} was undone after this caller posted it; restored",
                        current.id());
            } else {
                return current;
            }
            if (store.replace(current, next)) {
                steps.get(approval ? Step.APPROVED : Step.PAID).increment();
                return next;
            }
            current = load(pending.id());
        }
        throw busy(pending.id());
    }

    /** The partners' funds a project expense would release now; nothing for other expenses. */
    private List<Expense.Release> plan(Expense expense) {
        if (expense.category() != ExpenseCategory.PROJECT) {
            return List.of();
        }
        String prefix = ChartOfAccounts.projectBudgetCode(expense.projectId()) + ":M:";
        Map<String, Money> held = new LinkedHashMap<>();
        for (AccountBalance balance : ledger.balances().accounts()) {
            String code = balance.account().code();
            if (code.startsWith(prefix) && code.indexOf(':', prefix.length()) < 0) {
                held.put(code.substring(prefix.length()), balance.balance());
            }
        }
        return Expense.releases(expense.amount(), expense.partnerId(), held);
    }

    private Expense load(String id) {
        return store.find(id).orElseThrow(() -> ProblemException.notFound("expense", id));
    }

    private LocalDate date(LocalDate given) {
        return given != null ? given : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static void checkVersion(Expense read, Long ifMatch) {
        if (ifMatch != null && ifMatch != read.version()) {
            throw new ProblemException(
                    HttpStatus.PRECONDITION_FAILED, "stale-version", ifMatch, read.version());
        }
    }

    /**
     * The expense's step, its rule violations answered as problems: {@code expense-self-approval}
     * 403, {@code expense-state} 409, with the violation's arguments.
     */
    private static Expense decided(java.util.function.Supplier<Expense> step) {
        try {
            return step.get();
        } catch (ExpenseRuleViolation violation) {
            HttpStatus status =
                    switch (violation.rule()) {
                        case SELF_APPROVAL -> HttpStatus.FORBIDDEN;
                        case STATE -> HttpStatus.CONFLICT;
                    };
            throw new ProblemException(status, violation.code(), violation.args());
        }
    }

    private static ProblemException busy(String id) {
        return new ProblemException(HttpStatus.CONFLICT, "concurrent-update", id);
    }
}
