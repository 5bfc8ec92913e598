package coop.cluster.finance.budget;

import coop.cluster.finance.budget.domain.Budget;
import coop.cluster.finance.budget.domain.ProjectBudget;
import coop.cluster.finance.budget.persistence.BudgetStore;
import coop.cluster.finance.expense.ProjectSpending;
import coop.cluster.finance.ledger.Bookkeeping;
import coop.cluster.finance.ledger.PostedEntry;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import coop.cluster.finance.receipt.domain.Segments;
import coop.cluster.plumbing.consumer.EventSubscription;
import coop.cluster.plumbing.consumer.PoisonEventException;
import coop.cluster.plumbing.consumer.ReceivedEvent;
import coop.cluster.plumbing.web.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Project budgets: opened by {@code cluster.project.agreement.signed.v1}, funded by the partners'
 * contributions, spent by project expenses. Correct without transactions:
 *
 * <ul>
 *   <li>Opening: one conditional upsert of the budget document ({@code _id} the project id) that
 *       only applies when the stored agreement version is older than the event's, so a re-delivery
 *       changes nothing (the upsert then meets the existing {@code _id}); a later version replaces
 *       the pledges and keeps the contributions. An event that cannot be read or names ids, a
 *       currency or amounts the ledger cannot take is poison (dead letters).
 *   <li>A contribution: (1) pushed into the budget's {@code contributions}, not posted, under an id
 *       derived from the project and the request's Idempotency-Key, only if that id is not there
 *       yet; (2) Dr {@code 1000} / Cr {@code 2500:J:<project>:M:<partner>} posted under {@code
 *       project-contribution:<id>}; (3) marked posted. The same request, or the repair sweep,
 *       completes a contribution stopped between (1) and (3); one the ledger refuses is pulled out
 *       again.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class Budgets implements ProjectBudgets {

    public static final String OPENED_METRIC = "cluster.finance.budgets.opened";
    static final Duration REPAIR_AFTER = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(Budgets.class);

    private final BudgetStore store;
    private final Bookkeeping ledger;
    private final ProjectSpending spending;
    private final Clock clock;
    private final Counter opened;
    private final Counter contributionsPosted;

    @Autowired
    Budgets(BudgetStore store, Bookkeeping ledger, ProjectSpending spending, MeterRegistry meters) {
        this(store, ledger, spending, meters, Clock.systemUTC());
    }

    Budgets(
            BudgetStore store,
            Bookkeeping ledger,
            ProjectSpending spending,
            MeterRegistry meters,
            Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.spending = spending;
        this.clock = clock;
        this.opened =
                Counter.builder(OPENED_METRIC)
                        .description("Project budgets opened by a signed agreement")
                        .register(meters);
        this.contributionsPosted =
                Counter.builder("cluster.finance.receipts")
                        .description("Receipts posted to the ledger, by kind")
                        .tag("kind", "contribution")
                        .register(meters);
    }

    @Bean
    EventSubscription projectBudgetsSubscription() {
        return EventSubscription.named("project-budgets")
                .topics(ProjectEvents.TOPIC)
                .on(
                        ProjectEvents.AGREEMENT_SIGNED_V1,
                        ProjectEvents.AgreementSigned.class,
                        this::onSigned)
                .build();
    }

    /**
     * Opens (or, for a later agreement version, updates) the project's budget; once per agreement
     * version.
     */
    void onSigned(ReceivedEvent<ProjectEvents.AgreementSigned> event) {
        ProjectEvents.AgreementSigned signed = event.data();
        Budget.Terms terms = readable(event.id(), signed);
        ProjectEvents.Agreement agreement = signed.agreement();
        BudgetStore.Opening opening =
                store.open(
                        signed.projectId(),
                        agreement.version(),
                        terms,
                        event.id(),
                        clock.instant());
        if (opening == BudgetStore.Opening.UNCHANGED) {
            log.info(
                    "Budget of project {} already open at agreement version {} or later (event {}"
                            + " again)",
                    signed.projectId(),
                    agreement.version(),
                    event.id());
            return;
        }
        if (opening == BudgetStore.Opening.OPENED) {
            opened.increment();
            log.info(
                    "Budget of project {} opened: {} partners, {}",
                    signed.projectId(),
                    agreement.contributions().size(),
                    agreement.currency());
        } else {
            log.info(
                    "Budget of project {} updated to agreement version {}",
                    signed.projectId(),
                    agreement.version());
        }
    }

    /**
     * The event's content as a budget's terms, or poison: ids, currency and amounts the ledger can
     * take.
     */
    static Budget.Terms readable(String eventId, ProjectEvents.AgreementSigned signed) {
        try {
            require(
                    signed.projectId() != null && Segments.isSegment(signed.projectId()),
                    "project id");
            require(
                    signed.agreement() != null && signed.agreement().contributions() != null,
                    "agreement");
            require(signed.agreement().version() > 0, "agreement version");
            Currency currency = Money.currency(signed.agreement().currency());
            List<Budget.Pledge> pledges = new ArrayList<>();
            Set<String> partners = new HashSet<>();
            for (ProjectEvents.Contribution contribution : signed.agreement().contributions()) {
                require(
                        contribution != null
                                && Segments.isSegment(contribution.memberId())
                                && partners.add(contribution.memberId()),
                        "partner id");
                Money money =
                        contribution.money() == null
                                ? Money.zero(currency)
                                : Money.of(new BigDecimal(contribution.money()), currency);
                require(!money.isNegative(), "pledge");
                Money inKindValue =
                        contribution.inKindValue() == null
                                ? null
                                : Money.of(new BigDecimal(contribution.inKindValue()), currency);
                pledges.add(
                        new Budget.Pledge(
                                contribution.memberId(),
                                money,
                                contribution.inKind(),
                                inKindValue));
            }
            return new Budget.Terms(
                    signed.projectTitle(), signed.leaderId(), currency, pledges, signed.signedAt());
        } catch (RuntimeException unreadable) {
            throw new PoisonEventException(
                    "agreement.signed "
                            + eventId
                            + " cannot open a budget: "
                            + unreadable.getMessage(),
                    unreadable);
        }
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalArgumentException("missing or invalid " + what);
        }
    }

    /** A contribution recorded, and whether it had been before under the same key. */
    public record Contributed(Budget.Contribution contribution, boolean replayed) {}

    /**
     * Records a partner's contribution to an open budget: 404 {@code project-budget-not-found}; 422
     * {@code contribution-partner-unknown} for a member without a pledge, {@code
     * contribution-currency} for another currency than the budget's; 409 {@code
     * contribution-key-reused} for other content under the same key.
     */
    public Contributed contribute(
            String projectId,
            String partnerId,
            Money amount,
            LocalDate date,
            String reference,
            String by,
            String key) {
        String id =
                UUID.nameUUIDFromBytes(
                                ("contribution:" + projectId + '\u0000' + key)
                                        .getBytes(StandardCharsets.UTF_8))
                        .toString();
        Budget.Contribution offered =
                new Budget.Contribution(
                        id,
                        partnerId,
                        amount,
                        date,
                        reference,
                        by,
                        clock.instant(),
                        key,
                        false,
                        null);
        for (int attempt = 0; attempt < 5; attempt++) {
            Budget budget =
                    find(projectId)
                            .orElseThrow(
                                    () ->
                                            new ProblemException(
                                                    HttpStatus.NOT_FOUND,
                                                    "project-budget-not-found",
                                                    projectId));
            Optional<Budget.Contribution> existing =
                    budget.contributions().stream()
                            .filter(contribution -> contribution.id().equals(id))
                            .findFirst();
            if (existing.isPresent()) {
                if (!existing.get().sameAs(offered)) {
                    throw ProblemException.conflict("contribution-key-reused", key);
                }
                return new Contributed(
                        existing.get().posted()
                                ? existing.get()
                                : complete(projectId, existing.get()),
                        true);
            }
            if (!budget.hasPartner(partnerId)) {
                throw ProblemException.unprocessable(
                        "contribution-partner-unknown", partnerId, projectId);
            }
            if (!budget.currency().equals(amount.currency())) {
                throw ProblemException.unprocessable(
                        "contribution-currency",
                        amount.currency().getCurrencyCode(),
                        budget.currency().getCurrencyCode());
            }
            if (store.addContribution(projectId, offered)) {
                return new Contributed(complete(projectId, offered), false);
            }
        }
        throw ProblemException.conflict("concurrent-update");
    }

    static JournalEntry entry(String projectId, Budget.Contribution contribution) {
        String key = "project-contribution:" + contribution.id();
        String text =
                "Contribution of "
                        + contribution.partnerId()
                        + " to project "
                        + projectId
                        + (contribution.reference() == null
                                ? ""
                                : ", ref. " + contribution.reference());
        return JournalEntry.of(
                UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString(),
                key,
                contribution.date(),
                text.length() > JournalEntry.MAX_DESCRIPTION_LENGTH
                        ? text.substring(0, JournalEntry.MAX_DESCRIPTION_LENGTH)
                        : text,
                List.of(
                        Posting.debit(ChartOfAccounts.BANK, contribution.amount()),
                        Posting.credit(
                                partnerFunds(projectId, contribution.partnerId()),
                                contribution.amount())));
    }

    public static String partnerFunds(String projectId, String partnerId) {
        return ChartOfAccounts.projectBudgetCode(projectId) + ":M:" + partnerId;
    }

    private Budget.Contribution complete(String projectId, Budget.Contribution pending) {
        PostedEntry posted;
        try {
            posted = ledger.post(entry(projectId, pending));
        } catch (LedgerViolation refused) {
            store.removeUnposted(projectId, pending.id());
            log.warn(
                    "Contribution {} to project {} refused by the ledger and removed: {}",
                    pending.id(),
                    projectId,
                    refused.getMessage());
            throw refused;
        }
        boolean marked = store.markPosted(projectId, pending.id(), posted.sequence());
        Budget.Contribution done =
                new Budget.Contribution(
                        pending.id(),
                        pending.partnerId(),
                        pending.amount(),
                        pending.date(),
                        pending.reference(),
                        pending.recordedBy(),
                        pending.recordedAt(),
                        pending.key(),
                        true,
                        posted.sequence());
        if (marked) {
            contributionsPosted.increment();
            log.info(
                    "Contribution {} of {} to project {}: {} posted at {}",
                    pending.id(),
                    pending.partnerId(),
                    projectId,
                    pending.amount(),
                    posted.sequence());
        } else if (store.addContribution(projectId, done)) {
            // another caller's post was refused just before this one went through, and it pulled
            // the contribution
            // out: the entry is in the ledger, so the contribution is put back, posted
            contributionsPosted.increment();
            log.warn(
                    "Contribution {} to project {} was removed after this caller posted it;"
                            + " restored",
                    pending.id(),
                    projectId);
        }
        return done;
    }

    /**
     * Posts the contributions recorded more than {@link #REPAIR_AFTER} ago and not yet in the
     * ledger.
     */
    @Scheduled(
            fixedDelayString = "${cluster.finance.repair-interval:PT30S}",
            initialDelayString = "${cluster.finance.repair-interval:PT30S}")
    public int repair() {
        Instant before = clock.instant().minus(REPAIR_AFTER);
        int repaired = 0;
        for (Budget budget : store.withUnpostedContributions(100)) {
            for (Budget.Contribution contribution : budget.contributions()) {
                if (!contribution.posted() && contribution.recordedAt().isBefore(before)) {
                    try {
                        complete(budget.projectId(), contribution);
                        repaired++;
                    } catch (RuntimeException failed) {
                        log.warn(
                                "Repair of contribution {} did not complete: {}",
                                contribution.id(),
                                failed.getMessage());
                    }
                }
            }
        }
        return repaired;
    }

    Optional<Budget> find(String projectId) {
        return store.find(projectId);
    }

    @Override
    public List<ProjectBudget> all() {
        return store.all().stream().map(this::withActual).toList();
    }

    @Override
    public Optional<ProjectBudget> of(String projectId) {
        return find(projectId).map(this::withActual);
    }

    public record Page(List<ProjectBudget> items, long total) {}

    public Page page(int page, int size) {
        BudgetStore.Page found = store.page(page, size);
        return new Page(found.items().stream().map(this::withActual).toList(), found.total());
    }

    private ProjectBudget withActual(Budget budget) {
        return budget.against(spending.booked(budget.projectId()));
    }
}
