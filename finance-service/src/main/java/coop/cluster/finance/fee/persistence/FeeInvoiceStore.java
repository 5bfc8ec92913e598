package coop.cluster.finance.fee.persistence;

import coop.cluster.finance.fee.domain.FeeAmounts;
import coop.cluster.finance.fee.domain.FeeCharge;
import coop.cluster.finance.fee.domain.Invoice;
import coop.cluster.finance.fee.domain.InvoiceBalance;
import coop.cluster.finance.fee.domain.InvoiceStatus;
import coop.cluster.finance.fee.domain.LateAdmission;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxRelay;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The fee invoices in the store ({@value #COLLECTION}), one document per invoice, correct without
 * transactions: every change of an invoice's state is ONE conditional write of its document
 * (compare-and-set on {@code version}) that carries the events announcing it in the document's
 * {@code outbox} array, so the change and its events are stored together or not at all ({@value
 * #COLLECTION} is in {@code cluster.outbox.collections}; the relay publishes and removes them).
 * Amounts are decimal strings; dates {@code yyyy-MM-dd} strings (which sort as dates).
 *
 * <p>The markers that the ledger has an invoice's or a payment's entry ({@code invoicePosted},
 * {@code postedPaymentIds}) are written after the posting and do not move the version: they only
 * save work, the ledger's idempotency key being what prevents a second posting.
 */
@Repository
public class FeeInvoiceStore {

    public static final String COLLECTION = "fee_invoices";
    public static final String OUTBOX = "outbox";

    private final MongoTemplate mongo;
    private final OutboxRelay relay;

    public FeeInvoiceStore(MongoTemplate mongo, OutboxRelay relay) {
        this.mongo = mongo;
        this.relay = relay;
        mongo.indexOps(COLLECTION)
                .createIndex(
                        new Index()
                                .on("memberId", Sort.Direction.ASC)
                                .on("feeYear", Sort.Direction.DESC)
                                .named("member_year"));
        mongo.indexOps(COLLECTION)
                .createIndex(
                        new Index()
                                .on("status", Sort.Direction.ASC)
                                .on("dueDate", Sort.Direction.ASC)
                                .named("status_due"));
        mongo.indexOps(COLLECTION)
                .createIndex(
                        new Index()
                                .on("incomeFrom", Sort.Direction.ASC)
                                .sparse()
                                .named("income_from"));
    }

    /**
     * Stores a new invoice with the event announcing it. @return false if the invoice existed
     * already
     */
    public boolean insert(Invoice invoice, PendingEvent invoiced) {
        Document document = toDocument(invoice).append(OUTBOX, List.of(invoiced.toDocument()));
        try {
            mongo.insert(document, COLLECTION);
        } catch (DuplicateKeyException exists) {
            return false;
        }
        relay.pending(COLLECTION, invoice.id());
        return true;
    }

    public Optional<Invoice> find(String id) {
        Query query = Query.query(Criteria.where("_id").is(id));
        query.fields().exclude(OUTBOX);
        return Optional.ofNullable(mongo.findOne(query, Document.class, COLLECTION))
                .map(FeeInvoiceStore::toInvoice);
    }

    /** A page of invoices, newest fee year first, then by member; null filters match everything. */
    public List<Invoice> list(
            String memberId, Integer feeYear, InvoiceStatus status, int page, int size) {
        return list(memberId, feeYear, status, null, page, size);
    }

    /**
     * A page of invoices, newest fee year first, then by member; null filters match everything.
     *
     * @param overdueIfDueBefore when given, only overdue invoices: unpaid ({@code OPEN}, {@code
     *     PARTIALLY_PAID}) and due before this day (today less the grace period, as the overdue
     *     sweep decides)
     */
    public List<Invoice> list(
            String memberId,
            Integer feeYear,
            InvoiceStatus status,
            LocalDate overdueIfDueBefore,
            int page,
            int size) {
        Query query =
                filter(memberId, feeYear, status, overdueIfDueBefore)
                        .with(Sort.by(Sort.Order.desc("feeYear"), Sort.Order.asc("memberId")))
                        .skip((long) page * size)
                        .limit(size);
        query.fields().exclude(OUTBOX);
        return mongo.find(query, Document.class, COLLECTION).stream()
                .map(FeeInvoiceStore::toInvoice)
                .toList();
    }

    public long count(String memberId, Integer feeYear, InvoiceStatus status) {
        return count(memberId, feeYear, status, null);
    }

    public long count(
            String memberId, Integer feeYear, InvoiceStatus status, LocalDate overdueIfDueBefore) {
        return mongo.count(filter(memberId, feeYear, status, overdueIfDueBefore), COLLECTION);
    }

    private static Query filter(
            String memberId, Integer feeYear, InvoiceStatus status, LocalDate overdueIfDueBefore) {
        Criteria criteria = new Criteria();
        if (memberId != null) {
            criteria.and("memberId").is(memberId);
        }
        if (feeYear != null) {
            criteria.and("feeYear").is(feeYear);
        }
        if (status != null) {
            criteria.and("status").is(status.name());
        } else if (overdueIfDueBefore != null) {
            criteria.and("status")
                    .in(InvoiceStatus.OPEN.name(), InvoiceStatus.PARTIALLY_PAID.name());
        }
        if (overdueIfDueBefore != null) {
            criteria.and("dueDate").lt(overdueIfDueBefore.toString());
        }
        return Query.query(criteria);
    }

    /**
     * Records a payment on the invoice as it was read (its version), unless a payment with the same
     * id is already there, with the new balance and any events, in one write.
     *
     * @return false if the invoice changed since it was read (read again and decide again)
     */
    public boolean addPayment(
            Invoice read,
            Invoice.Payment payment,
            InvoiceBalance after,
            List<PendingEvent> events) {
        Query expected =
                Query.query(
                        Criteria.where("_id")
                                .is(read.id())
                                .and("version")
                                .is(read.version())
                                .and("payments.paymentId")
                                .ne(payment.paymentId()));
        Update update =
                balance(new Update(), after)
                        .push("payments", paymentDocument(payment))
                        .set("pendingPostings", true)
                        .set("pendingSince", Date.from(payment.recordedAt()))
                        .inc("version", 1);
        if (after.status() != read.status() && !after.status().unpaid()) {
            update.set("paidAt", Date.from(payment.recordedAt()));
        }
        return write(read.id(), expected, update, events);
    }

    /**
     * Reduces the invoice as it was read (its version) by a later exemption, unless that exemption
     * adjusted it already: the new amounts and balance, the adjustment and any events, in one
     * write.
     *
     * @return false if the invoice changed since it was read (read again and decide again)
     */
    public boolean adjust(
            Invoice read,
            FeeAmounts amounts,
            InvoiceBalance after,
            Invoice.Adjustment adjustment,
            List<PendingEvent> events) {
        Query expected =
                Query.query(
                        Criteria.where("_id")
                                .is(read.id())
                                .and("version")
                                .is(read.version())
                                .and("adjustments.adjustmentId")
                                .ne(adjustment.adjustmentId()));
        Update update =
                balance(amounts(new Update(), amounts), after)
                        .push("adjustments", adjustmentDocument(adjustment))
                        .set("pendingPostings", true)
                        .set("pendingSince", Date.from(adjustment.at()))
                        .inc("version", 1);
        return write(read.id(), expected, update, events);
    }

    /**
     * Records that the deferred fee of the invoice as it was read (its version) is recognised as
     * income, unless it was already: one write.
     *
     * @return false if the invoice changed since it was read, or was recognised already
     */
    public boolean recognise(Invoice read, Invoice.Recognition recognition) {
        Query expected =
                Query.query(
                        Criteria.where("_id")
                                .is(read.id())
                                .and("version")
                                .is(read.version())
                                .and("recognition")
                                .is(null));
        Update update =
                new Update()
                        .set(
                                "recognition",
                                new Document("amount", recognition.amount().toPlainString())
                                        .append("date", recognition.date().toString())
                                        .append("at", Date.from(recognition.at())))
                        .set("recognitionPosted", recognition.amount().signum() == 0)
                        .set("pendingPostings", true)
                        .set("pendingSince", Date.from(recognition.at()))
                        .inc("version", 1);
        return write(read.id(), expected, update, List.of());
    }

    public void markRecognitionPosted(String id) {
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(id)),
                new Update().set("recognitionPosted", true),
                COLLECTION);
    }

    /**
     * Invoices whose deferred fee is income from {@code today} or earlier and is not recognised
     * yet.
     */
    public List<Invoice> dueForRecognition(LocalDate today, int limit) {
        Query query =
                Query.query(
                                Criteria.where("incomeFrom")
                                        .lte(today.toString())
                                        .and("recognition")
                                        .is(null))
                        .with(Sort.by("incomeFrom"))
                        .limit(limit);
        query.fields().exclude(OUTBOX);
        return mongo.find(query, Document.class, COLLECTION).stream()
                .map(FeeInvoiceStore::toInvoice)
                .toList();
    }

    public void markAdjustmentPosted(String id, String adjustmentId) {
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(id)),
                new Update().addToSet("postedAdjustmentIds", adjustmentId),
                COLLECTION);
    }

    /**
     * Marks the invoice announced overdue, with the event, once. @return false if it changed since
     * it was read
     */
    public boolean announceOverdue(Invoice read, Instant at, PendingEvent overdue) {
        Query expected =
                Query.query(
                        Criteria.where("_id")
                                .is(read.id())
                                .and("version")
                                .is(read.version())
                                .and("overdueAnnouncedAt")
                                .is(null));
        Update update = new Update().set("overdueAnnouncedAt", Date.from(at)).inc("version", 1);
        return write(read.id(), expected, update, List.of(overdue));
    }

    private boolean write(String id, Query expected, Update update, List<PendingEvent> events) {
        if (!events.isEmpty()) {
            update.push(OUTBOX).each(events.stream().map(PendingEvent::toDocument).toArray());
        }
        boolean written = mongo.updateFirst(expected, update, COLLECTION).getModifiedCount() == 1;
        if (written && !events.isEmpty()) {
            relay.pending(COLLECTION, id);
        }
        return written;
    }

    public void markInvoicePosted(String id) {
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(id)),
                new Update().set("invoicePosted", true),
                COLLECTION);
    }

    public void markPaymentPosted(String id, String paymentId) {
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(id)),
                new Update().addToSet("postedPaymentIds", paymentId),
                COLLECTION);
    }

    /** Clears the "postings pending" flag if nothing was added since version {@code read}. */
    public void clearPendingPostings(String id, long version) {
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(id).and("version").is(version)),
                new Update().set("pendingPostings", false),
                COLLECTION);
    }

    /**
     * Invoices whose ledger entries may be missing: issued, paid or adjusted before {@code before}
     * and not marked posted (younger ones are left to the request or event still at work on them).
     */
    public List<Invoice> needingPosting(Instant before, int limit) {
        Criteria unpostedInvoice =
                Criteria.where("invoicePosted").is(false).and("invoicedAt").lt(Date.from(before));
        Criteria pendingPayments =
                Criteria.where("pendingPostings")
                        .is(true)
                        .and("pendingSince")
                        .lt(Date.from(before));
        Query query =
                Query.query(new Criteria().orOperator(unpostedInvoice, pendingPayments))
                        .limit(limit);
        query.fields().exclude(OUTBOX);
        return mongo.find(query, Document.class, COLLECTION).stream()
                .map(FeeInvoiceStore::toInvoice)
                .toList();
    }

    /** Unpaid invoices due before {@code dueBefore} and not yet announced overdue. */
    public List<Invoice> overdueCandidates(LocalDate dueBefore, int limit) {
        Query query =
                Query.query(
                                Criteria.where("status")
                                        .in(
                                                InvoiceStatus.OPEN.name(),
                                                InvoiceStatus.PARTIALLY_PAID.name())
                                        .and("dueDate")
                                        .lt(dueBefore.toString())
                                        .and("overdueAnnouncedAt")
                                        .is(null))
                        .with(Sort.by("dueDate"))
                        .limit(limit);
        query.fields().exclude(OUTBOX);
        return mongo.find(query, Document.class, COLLECTION).stream()
                .map(FeeInvoiceStore::toInvoice)
                .toList();
    }

    private static Update balance(Update update, InvoiceBalance balance) {
        return update.set("settled", balance.settled().toPlainString())
                .set("credit", balance.credit().toPlainString())
                .set("amountDue", balance.amountDue().toPlainString())
                .set("status", balance.status().name());
    }

    private static Update amounts(Update update, FeeAmounts amounts) {
        amountsDocument(amounts).forEach(update::set);
        return update;
    }

    private static Document amountsDocument(FeeAmounts amounts) {
        return new Document("gross", amounts.gross().toPlainString())
                .append("exemption", amounts.exemption().toPlainString())
                .append(
                        "exemptionPercent",
                        amounts.exemptionPercent() == null
                                ? null
                                : amounts.exemptionPercent().toPlainString())
                .append("exemptionRef", amounts.exemptionRef())
                .append("net", amounts.net().toPlainString());
    }

    private static FeeAmounts amountsOf(Document d, Currency currency) {
        String percent = d.getString("exemptionPercent");
        return new FeeAmounts(
                currency,
                new BigDecimal(d.getString("gross")),
                new BigDecimal(d.getString("exemption")),
                new BigDecimal(d.getString("net")),
                percent == null ? null : new BigDecimal(percent),
                d.getString("exemptionRef"));
    }

    private static Document adjustmentDocument(Invoice.Adjustment a) {
        return new Document("adjustmentId", a.adjustmentId())
                .append("percent", a.percent().toPlainString())
                .append("reduction", a.reduction().toPlainString())
                .append("fromDue", a.fromDue().toPlainString())
                .append("toCredit", a.toCredit().toPlainString())
                .append("date", a.date().toString())
                .append("at", Date.from(a.at()))
                .append("deferred", a.deferred());
    }

    public static Document toDocument(Invoice invoice) {
        FeeAmounts amounts = invoice.amounts();
        InvoiceBalance balance = invoice.balance();
        Document document =
                new Document("_id", invoice.id())
                        .append("memberId", invoice.memberId())
                        .append("feeYear", invoice.feeYear())
                        .append("category", invoice.category())
                        .append("currency", invoice.currency());
        document.putAll(amountsDocument(amounts));
        document.append("issued", amountsDocument(invoice.issued()))
                .append("settled", balance.settled().toPlainString())
                .append("credit", balance.credit().toPlainString())
                .append("amountDue", balance.amountDue().toPlainString())
                .append("status", balance.status().name())
                .append("invoiceDate", invoice.invoiceDate().toString())
                .append("dueDate", invoice.dueDate().toString())
                .append("scheduleRef", invoice.scheduleRef())
                .append("invoicedAt", Date.from(invoice.invoicedAt()))
                .append("invoicePosted", invoice.invoicePosted())
                .append(
                        "payments",
                        invoice.payments().stream().map(FeeInvoiceStore::paymentDocument).toList())
                .append("postedPaymentIds", new ArrayList<>(invoice.postedPaymentIds()))
                .append(
                        "adjustments",
                        invoice.adjustments().stream()
                                .map(FeeInvoiceStore::adjustmentDocument)
                                .toList())
                .append("postedAdjustmentIds", new ArrayList<>(invoice.postedAdjustmentIds()))
                .append("pendingPostings", false)
                .append("version", invoice.version());
        if (invoice.charge() != null) {
            FeeCharge charge = invoice.charge();
            document.append(
                    "charge",
                    new Document("rule", charge.rule().name())
                            .append("scheduledFee", charge.scheduledFee().toPlainString())
                            .append("months", charge.months())
                            .append("fee", charge.fee().toPlainString())
                            .append("late", charge.late()));
        }
        if (invoice.overdueAnnouncedAt() != null) {
            document.append("overdueAnnouncedAt", Date.from(invoice.overdueAnnouncedAt()));
        }
        if (invoice.incomeFrom() != null) {
            document.append("incomeFrom", invoice.incomeFrom().toString());
        }
        if (invoice.recognition() != null) {
            Invoice.Recognition r = invoice.recognition();
            document.append(
                    "recognition",
                    new Document("amount", r.amount().toPlainString())
                            .append("date", r.date().toString())
                            .append("at", Date.from(r.at())));
        }
        document.append("recognitionPosted", invoice.recognitionPosted());
        return document;
    }

    private static Document paymentDocument(Invoice.Payment payment) {
        return new Document("paymentId", payment.paymentId())
                .append("key", payment.key())
                .append("amount", payment.amount().toPlainString())
                .append("currency", payment.currency())
                .append("paidOn", payment.paidOn().toString())
                .append("reference", payment.reference())
                .append("settles", payment.settles().toPlainString())
                .append("credit", payment.credit().toPlainString())
                .append("recordedAt", Date.from(payment.recordedAt()));
    }

    public static Invoice toInvoice(Document d) {
        Currency currency = Currency.getInstance(d.getString("currency"));
        FeeAmounts amounts = amountsOf(d, currency);
        FeeAmounts issued =
                d.get("issued") instanceof Document first ? amountsOf(first, currency) : amounts;
        List<Invoice.Adjustment> adjustments =
                d.getList("adjustments", Document.class, List.of()).stream()
                        .map(
                                a ->
                                        new Invoice.Adjustment(
                                                a.getString("adjustmentId"),
                                                new BigDecimal(a.getString("percent")),
                                                new BigDecimal(a.getString("reduction")),
                                                new BigDecimal(a.getString("fromDue")),
                                                new BigDecimal(a.getString("toCredit")),
                                                LocalDate.parse(a.getString("date")),
                                                a.getDate("at").toInstant(),
                                                a.getBoolean("deferred", false)))
                        .toList();
        InvoiceBalance balance =
                new InvoiceBalance(
                        amounts.net(),
                        new BigDecimal(d.getString("settled")),
                        new BigDecimal(d.getString("credit")));
        List<Invoice.Payment> payments =
                d.getList("payments", Document.class, List.of()).stream()
                        .map(
                                p ->
                                        new Invoice.Payment(
                                                p.getString("paymentId"),
                                                p.getString("key"),
                                                new BigDecimal(p.getString("amount")),
                                                p.getString("currency"),
                                                LocalDate.parse(p.getString("paidOn")),
                                                p.getString("reference"),
                                                new BigDecimal(p.getString("settles")),
                                                new BigDecimal(p.getString("credit")),
                                                p.getDate("recordedAt").toInstant()))
                        .toList();
        Date overdue = d.getDate("overdueAnnouncedAt");
        Document c = d.get("charge", Document.class);
        FeeCharge charge =
                c == null
                        ? null
                        : new FeeCharge(
                                LateAdmission.valueOf(c.getString("rule")),
                                new BigDecimal(c.getString("scheduledFee")),
                                c.getInteger("months"),
                                new BigDecimal(c.getString("fee")),
                                c.getBoolean("late", false));
        String incomeFrom = d.getString("incomeFrom");
        Document r = d.get("recognition", Document.class);
        Invoice.Recognition recognition =
                r == null
                        ? null
                        : new Invoice.Recognition(
                                new BigDecimal(r.getString("amount")),
                                LocalDate.parse(r.getString("date")),
                                r.getDate("at").toInstant());
        return new Invoice(
                d.getString("_id"),
                d.getString("memberId"),
                d.getInteger("feeYear"),
                d.getString("category"),
                amounts,
                balance,
                LocalDate.parse(d.getString("invoiceDate")),
                LocalDate.parse(d.getString("dueDate")),
                d.getString("scheduleRef"),
                d.getDate("invoicedAt").toInstant(),
                d.getBoolean("invoicePosted", false),
                payments,
                new LinkedHashSet<>(d.getList("postedPaymentIds", String.class, List.of())),
                overdue == null ? null : overdue.toInstant(),
                ((Number) d.get("version")).longValue(),
                issued,
                adjustments,
                new LinkedHashSet<>(d.getList("postedAdjustmentIds", String.class, List.of())),
                charge,
                incomeFrom == null ? null : LocalDate.parse(incomeFrom),
                recognition,
                d.getBoolean("recognitionPosted", false));
    }
}
