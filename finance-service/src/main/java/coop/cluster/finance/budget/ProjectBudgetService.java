package coop.cluster.finance.budget;

import com.mongodb.MongoException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import coop.cluster.finance.expense.ProjectSpending;
import coop.cluster.finance.ledger.LedgerService;
import coop.cluster.finance.ledger.PostedEntry;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import coop.cluster.finance.receipt.Segments;
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
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Project budgets: opened by {@code cluster.project.agreement.signed.v1}, funded by the partners' contributions,
 * spent by project expenses. Correct without transactions:
 * <ul>
 *   <li>Opening: one conditional upsert of the budget document ({@code _id} the project id) that only applies when
 *       the stored agreement version is older than the event's, so a re-delivery changes nothing (the upsert then
 *       meets the existing {@code _id}); a later version replaces the pledges and keeps the contributions. An event
 *       that cannot be read or names ids, a currency or amounts the ledger cannot take is poison (dead letters).</li>
 *   <li>A contribution: (1) pushed into the budget's {@code contributions}, not posted, under an id derived from the
 *       project and the request's Idempotency-Key, only if that id is not there yet; (2) Dr {@code 1000} / Cr
 *       {@code 2500:J:<project>:M:<partner>} posted under {@code project-contribution:<id>}; (3) marked posted. The
 *       same request, or the repair sweep, completes a contribution stopped between (1) and (3); one the ledger
 *       refuses is pulled out again.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class ProjectBudgetService implements ProjectBudgets {

    public static final String OPENED_METRIC = "cluster.finance.budgets.opened";
    static final String COLLECTION = "project_budgets";
    private static final int DUPLICATE_KEY = 11000;
    static final Duration REPAIR_AFTER = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(ProjectBudgetService.class);

    private final MongoTemplate mongo;
    private final LedgerService ledger;
    private final ProjectSpending spending;
    private final Clock clock;
    private final Counter opened;
    private final Counter contributionsPosted;

    @Autowired
    ProjectBudgetService(MongoTemplate mongo, LedgerService ledger, ProjectSpending spending, MeterRegistry meters) {
        this(mongo, ledger, spending, meters, Clock.systemUTC());
    }

    ProjectBudgetService(MongoTemplate mongo, LedgerService ledger, ProjectSpending spending, MeterRegistry meters,
                         Clock clock) {
        this.mongo = mongo;
        this.ledger = ledger;
        this.spending = spending;
        this.clock = clock;
        this.opened = Counter.builder(OPENED_METRIC).description("Project budgets opened by a signed agreement")
                .register(meters);
        this.contributionsPosted = Counter.builder("cluster.finance.receipts")
                .description("Receipts posted to the ledger, by kind").tag("kind", "contribution").register(meters);
    }

    @Bean
    EventSubscription projectBudgetsSubscription() {
        return EventSubscription.named("project-budgets")
                .topics(ProjectEvents.TOPIC)
                .on(ProjectEvents.AGREEMENT_SIGNED_V1, ProjectEvents.AgreementSigned.class, this::onSigned)
                .build();
    }

    /** Opens (or, for a later agreement version, updates) the project's budget; once per agreement version. */
    void onSigned(ReceivedEvent<ProjectEvents.AgreementSigned> event) {
        ProjectEvents.AgreementSigned signed = event.data();
        Document budget = readable(event.id(), signed);
        ProjectEvents.Agreement agreement = signed.agreement();
        Document before;
        try {
            before = mongo.getCollection(COLLECTION).findOneAndUpdate(
                    Filters.and(Filters.eq("_id", signed.projectId()),
                            Filters.lt("agreementVersion", agreement.version())),
                    Updates.combine(Updates.set("title", budget.get("title")),
                            Updates.set("leaderId", budget.get("leaderId")),
                            Updates.set("currency", budget.get("currency")),
                            Updates.set("agreementVersion", agreement.version()),
                            Updates.set("pledges", budget.get("pledges")),
                            Updates.set("signedAt", budget.get("signedAt")),
                            Updates.set("eventId", event.id()),
                            Updates.setOnInsert("openedAt", Date.from(clock.instant())),
                            Updates.setOnInsert("contributions", List.of())),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        } catch (MongoException duplicate) {
            if (duplicate.getCode() != DUPLICATE_KEY) {
                throw duplicate;
            }
            log.info("Budget of project {} already open at agreement version {} or later (event {} again)",
                    signed.projectId(), agreement.version(), event.id());
            return;
        }
        if (before == null) {
            opened.increment();
            log.info("Budget of project {} opened: {} partners, {}", signed.projectId(),
                    agreement.contributions().size(), agreement.currency());
        } else {
            log.info("Budget of project {} updated to agreement version {}", signed.projectId(), agreement.version());
        }
    }

    /** The event's content as a budget document, or poison: ids, currency and amounts the ledger can take. */
    static Document readable(String eventId, ProjectEvents.AgreementSigned signed) {
        try {
            require(signed.projectId() != null && Segments.isSegment(signed.projectId()), "project id");
            require(signed.agreement() != null && signed.agreement().contributions() != null, "agreement");
            require(signed.agreement().version() > 0, "agreement version");
            Currency currency = Money.currency(signed.agreement().currency());
            List<Document> pledges = new ArrayList<>();
            Set<String> partners = new HashSet<>();
            for (ProjectEvents.Contribution contribution : signed.agreement().contributions()) {
                require(contribution != null && Segments.isSegment(contribution.memberId())
                        && partners.add(contribution.memberId()), "partner id");
                Money money = contribution.money() == null ? Money.zero(currency)
                        : Money.of(new BigDecimal(contribution.money()), currency);
                require(!money.isNegative(), "pledge");
                Money inKindValue = contribution.inKindValue() == null ? null
                        : Money.of(new BigDecimal(contribution.inKindValue()), currency);
                pledges.add(new Document("memberId", contribution.memberId())
                        .append("money", money.amount().toPlainString()).append("inKind", contribution.inKind())
                        .append("inKindValue", inKindValue == null ? null : inKindValue.amount().toPlainString()));
            }
            return new Document("title", signed.projectTitle()).append("leaderId", signed.leaderId())
                    .append("currency", currency.getCurrencyCode()).append("pledges", pledges)
                    .append("signedAt", signed.signedAt() == null ? null : Date.from(signed.signedAt()));
        } catch (RuntimeException unreadable) {
            throw new PoisonEventException("agreement.signed " + eventId + " cannot open a budget: "
                    + unreadable.getMessage(), unreadable);
        }
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalArgumentException("missing or invalid " + what);
        }
    }

    /** A contribution recorded, and whether it had been before under the same key. */
    record Contributed(Budget.Contribution contribution, boolean replayed) {
    }

    /**
     * Records a partner's contribution to an open budget: 404 {@code project-budget-not-found}; 422
     * {@code contribution-partner-unknown} for a member without a pledge, {@code contribution-currency} for another
     * currency than the budget's; 409 {@code contribution-key-reused} for other content under the same key.
     */
    Contributed contribute(String projectId, String partnerId, Money amount, LocalDate date, String reference,
                           String by, String key) {
        String id = UUID.nameUUIDFromBytes(("contribution:" + projectId + '\u0000' + key)
                .getBytes(StandardCharsets.UTF_8)).toString();
        Budget.Contribution offered = new Budget.Contribution(id, partnerId, amount, date, reference, by,
                clock.instant(), key, false, null);
        for (int attempt = 0; attempt < 5; attempt++) {
            Budget budget = find(projectId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                    "project-budget-not-found", projectId));
            Optional<Budget.Contribution> existing = budget.contributions().stream()
                    .filter(contribution -> contribution.id().equals(id)).findFirst();
            if (existing.isPresent()) {
                if (!existing.get().sameAs(offered)) {
                    throw ProblemException.conflict("contribution-key-reused", key);
                }
                return new Contributed(existing.get().posted() ? existing.get() : complete(projectId, existing.get()),
                        true);
            }
            if (!budget.hasPartner(partnerId)) {
                throw ProblemException.unprocessable("contribution-partner-unknown", partnerId, projectId);
            }
            if (!budget.currency().equals(amount.currency())) {
                throw ProblemException.unprocessable("contribution-currency", amount.currency().getCurrencyCode(),
                        budget.currency().getCurrencyCode());
            }
            long pushed = mongo.getCollection(COLLECTION).updateOne(
                    Filters.and(Filters.eq("_id", projectId), Filters.ne("contributions.id", id)),
                    Updates.push("contributions", toDocument(offered))).getModifiedCount();
            if (pushed == 1) {
                return new Contributed(complete(projectId, offered), false);
            }
        }
        throw ProblemException.conflict("concurrent-update");
    }

    static JournalEntry entry(String projectId, Budget.Contribution contribution) {
        String key = "project-contribution:" + contribution.id();
        String text = "Contribution of " + contribution.partnerId() + " to project " + projectId
                + (contribution.reference() == null ? "" : ", ref. " + contribution.reference());
        return JournalEntry.of(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString(), key,
                contribution.date(), text.length() > JournalEntry.MAX_DESCRIPTION_LENGTH
                        ? text.substring(0, JournalEntry.MAX_DESCRIPTION_LENGTH) : text,
                List.of(Posting.debit(ChartOfAccounts.BANK, contribution.amount()),
                        Posting.credit(partnerFunds(projectId, contribution.partnerId()), contribution.amount())));
    }

    static String partnerFunds(String projectId, String partnerId) {
        return ChartOfAccounts.projectBudgetCode(projectId) + ":M:" + partnerId;
    }

    private Budget.Contribution complete(String projectId, Budget.Contribution pending) {
        PostedEntry posted;
        try {
            posted = ledger.post(entry(projectId, pending));
        } catch (LedgerViolation refused) {
            mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", projectId), Updates.pull("contributions",
                    new Document("id", pending.id()).append("posted", false)));
            log.warn("Contribution {} to project {} refused by the ledger and removed: {}", pending.id(), projectId,
                    refused.getMessage());
            throw refused;
        }
        long marked = mongo.getCollection(COLLECTION).updateOne(
                Filters.and(Filters.eq("_id", projectId), Filters.elemMatch("contributions",
                        Filters.and(Filters.eq("id", pending.id()), Filters.eq("posted", false)))),
                Updates.combine(Updates.set("contributions.$.posted", true),
                        Updates.set("contributions.$.sequence", posted.sequence()))).getModifiedCount();
        Budget.Contribution done = new Budget.Contribution(pending.id(), pending.partnerId(), pending.amount(),
                pending.date(), pending.reference(), pending.recordedBy(), pending.recordedAt(), pending.key(), true,
                posted.sequence());
        if (marked == 1) {
            contributionsPosted.increment();
            log.info("Contribution {} of {} to project {}: {} posted at {}", pending.id(), pending.partnerId(),
                    projectId, pending.amount(), posted.sequence());
        } else if (mongo.getCollection(COLLECTION).updateOne(
                Filters.and(Filters.eq("_id", projectId), Filters.ne("contributions.id", pending.id())),
                Updates.push("contributions", toDocument(done))).getModifiedCount() == 1) {
            // another caller's post was refused just before this one went through, and it pulled the contribution
            // out: the entry is in the ledger, so the contribution is put back, posted
            contributionsPosted.increment();
            log.warn("Contribution {} to project {} was removed after this caller posted it; restored", pending.id(),
                    projectId);
        }
        return done;
    }

    /** Posts the contributions recorded more than {@link #REPAIR_AFTER} ago and not yet in the ledger. */
    @Scheduled(fixedDelayString = "${cluster.finance.repair-interval:PT30S}",
            initialDelayString = "${cluster.finance.repair-interval:PT30S}")
    public int repair() {
        Instant before = clock.instant().minus(REPAIR_AFTER);
        List<Budget> pending = new ArrayList<>();
        mongo.getCollection(COLLECTION).find(Filters.elemMatch("contributions", Filters.eq("posted", false)))
                .limit(100).forEach(document -> pending.add(fromDocument(document)));
        int repaired = 0;
        for (Budget budget : pending) {
            for (Budget.Contribution contribution : budget.contributions()) {
                if (!contribution.posted() && contribution.recordedAt().isBefore(before)) {
                    try {
                        complete(budget.projectId(), contribution);
                        repaired++;
                    } catch (RuntimeException failed) {
                        log.warn("Repair of contribution {} did not complete: {}", contribution.id(),
                                failed.getMessage());
                    }
                }
            }
        }
        return repaired;
    }

    Optional<Budget> find(String projectId) {
        return Optional.ofNullable(mongo.getCollection(COLLECTION).find(Filters.eq("_id", projectId)).first())
                .map(ProjectBudgetService::fromDocument);
    }

    @Override
    public List<ProjectBudget> all() {
        List<ProjectBudget> all = new ArrayList<>();
        mongo.getCollection(COLLECTION).find().sort(Sorts.ascending("_id"))
                .forEach(document -> all.add(withActual(fromDocument(document))));
        return all;
    }

    @Override
    public Optional<ProjectBudget> of(String projectId) {
        return find(projectId).map(this::withActual);
    }

    record Page(List<ProjectBudget> items, long total) {
    }

    Page page(int page, int size) {
        List<ProjectBudget> items = new ArrayList<>();
        mongo.getCollection(COLLECTION).find().sort(Sorts.descending("openedAt")).skip(page * size).limit(size)
                .forEach(document -> items.add(withActual(fromDocument(document))));
        return new Page(items, mongo.getCollection(COLLECTION).countDocuments());
    }

    private ProjectBudget withActual(Budget budget) {
        return budget.against(spending.booked(budget.projectId()));
    }

    static Document toDocument(Budget.Contribution c) {
        return new Document("id", c.id()).append("partnerId", c.partnerId())
                .append("amount", c.amount().amount().toPlainString()).append("date", c.date().toString())
                .append("reference", c.reference()).append("recordedBy", c.recordedBy())
                .append("recordedAt", Date.from(c.recordedAt())).append("key", c.key())
                .append("posted", c.posted()).append("sequence", c.sequence());
    }

    static Budget fromDocument(Document d) {
        Currency currency = Money.currency(d.getString("currency"));
        List<Budget.Pledge> pledges = d.getList("pledges", Document.class, List.of()).stream()
                .map(p -> new Budget.Pledge(p.getString("memberId"), Money.of(p.getString("money"),
                        currency.getCurrencyCode()), p.getString("inKind"), p.getString("inKindValue") == null ? null
                        : Money.of(p.getString("inKindValue"), currency.getCurrencyCode()))).toList();
        List<Budget.Contribution> contributions = d.getList("contributions", Document.class, List.of()).stream()
                .map(c -> new Budget.Contribution(c.getString("id"), c.getString("partnerId"),
                        Money.of(c.getString("amount"), currency.getCurrencyCode()),
                        LocalDate.parse(c.getString("date")), c.getString("reference"), c.getString("recordedBy"),
                        c.getDate("recordedAt").toInstant(), c.getString("key"), c.getBoolean("posted", false),
                        c.get("sequence") == null ? null : ((Number) c.get("sequence")).longValue())).toList();
        Date signedAt = d.getDate("signedAt");
        return new Budget(d.getString("_id"), d.getString("title"), d.getString("leaderId"), currency,
                d.getInteger("agreementVersion", 0), pledges, contributions, d.getDate("openedAt").toInstant(),
                signedAt == null ? null : signedAt.toInstant());
    }
}
