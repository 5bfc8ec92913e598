package coop.cluster.finance.expense.domain;

import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.ExpenseCategory;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An expense claim and its accounting. Immutable: each step returns the next state, checked here
 * (the state machine of {@link ExpenseState}, the four-eyes rule), and the ledger entries each step
 * posts are derived from the expense alone, with deterministic ids and idempotency keys, so a
 * retried step posts the very same entry.
 *
 * <p>Accounting (the standard chart, see {@link ChartOfAccounts}):
 *
 * <ul>
 *   <li>Approval: Dr the category's expense account ({@code 6100} administrative, {@code 6200}
 *       legal, {@code 6300} accounting; for a project expense {@code 6400:J:<project>}, or {@code
 *       6400:J:<project>:M:<partner>} when it is for a partner) / Cr expenses payable ({@code
 *       2000}, or {@code 2000:M:<member>} when the payee is a member). A project expense also
 *       releases the partners' funds it uses, in the same entry: Dr {@code
 *       2500:J:<project>:M:<partner>} / Cr {@code 4200:P:partner-contributions:J:<project>}, the
 *       partner's contribution becoming income as it is spent. Only what the partner still holds is
 *       released (never more: 2500 never goes negative); the rest is unfunded and stays an expense
 *       of the cluster, so the expense is payable whatever the partner's funds.
 *   <li>Payment: Dr expenses payable (the same account as above) / Cr {@code 1000} bank.
 *   <li>Rejection posts nothing.
 * </ul>
 *
 * @param version incremented by every change; the store's compare-and-set key and the ETag
 * @param submitKey the Idempotency-Key of the submission, or null
 */
public record Expense(
        String id,
        long version,
        ExpenseCategory category,
        Money amount,
        String receiptReference,
        String payeeName,
        String payeeMemberId,
        String description,
        String projectId,
        String partnerId,
        ExpenseState state,
        String submittedBy,
        Instant submittedAt,
        String submitKey,
        Approval approval,
        Rejection rejection,
        Payment payment) {

    /**
     * The income account partners' contributions are recognised in, per project, as they are spent.
     */
    public static final String CONTRIBUTIONS_PROGRAMME = "partner-contributions";

    /** Funds released from one partner's project funds ({@code 2500:J:<project>:M:<partner>}). */
    public record Release(String partnerId, Money amount) {}

    /**
     * @param releases the partners' funds this expense uses, decided when approved (from the
     *     balances then)
     * @param posted whether the approval entry is in the ledger
     * @param sequence its sequence there, once posted
     * @param key the Idempotency-Key of the approving request, or null
     */
    public record Approval(
            String by,
            Instant at,
            LocalDate date,
            List<Release> releases,
            boolean posted,
            Long sequence,
            String key) {
        public Approval {
            releases = List.copyOf(releases);
        }
    }

    public record Rejection(String by, Instant at, String reason) {}

    public record Payment(
            String by,
            Instant at,
            LocalDate date,
            String reference,
            boolean posted,
            Long sequence,
            String key) {}

    public Expense {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(state, "state");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("an expense is positive, not " + amount);
        }
        if ((category == ExpenseCategory.PROJECT) != (projectId != null)) {
            throw new IllegalArgumentException(
                    "a project expense, and only one, names its project");
        }
        if (partnerId != null && projectId == null) {
            throw new IllegalArgumentException("a partner is named only for a project expense");
        }
    }

    /** A new claim. */
    public static Expense submitted(
            String id,
            ExpenseCategory category,
            Money amount,
            String receiptReference,
            String payeeName,
            String payeeMemberId,
            String description,
            String projectId,
            String partnerId,
            String submittedBy,
            Instant at,
            String submitKey) {
        return new Expense(
                id,
                0,
                category,
                amount,
                receiptReference,
                payeeName,
                payeeMemberId,
                description,
                projectId,
                partnerId,
                ExpenseState.SUBMITTED,
                submittedBy,
                at,
                submitKey,
                null,
                null,
                null);
    }

    /** Whether {@code other} is the same claim (what a submission carries), whatever its state. */
    public boolean sameClaimAs(Expense other) {
        return category == other.category
                && amount.equals(other.amount)
                && Objects.equals(receiptReference, other.receiptReference)
                && Objects.equals(payeeName, other.payeeName)
                && Objects.equals(payeeMemberId, other.payeeMemberId)
                && Objects.equals(description, other.description)
                && Objects.equals(projectId, other.projectId)
                && Objects.equals(partnerId, other.partnerId);
    }

    /**
     * Approved by {@code by}, who may not be the submitter.
     *
     * @throws ExpenseRuleViolation {@code expense-self-approval}, or {@code expense-state} unless
     *     submitted
     */
    public Expense approve(
            String by, Instant at, LocalDate date, List<Release> releases, String key) {
        requireNotSubmitter(by);
        move(ExpenseState.APPROVED);
        return new Expense(
                id,
                version + 1,
                category,
                amount,
                receiptReference,
                payeeName,
                payeeMemberId,
                description,
                projectId,
                partnerId,
                ExpenseState.APPROVED,
                submittedBy,
                submittedAt,
                submitKey,
                new Approval(by, at, date, releases, false, null, key),
                null,
                null);
    }

    /** The approval with other releases (the balances moved before it could be posted). */
    public Expense replanned(List<Release> releases) {
        requireApprovalPending();
        return withApproval(
                new Approval(
                        approval.by,
                        approval.at,
                        approval.date,
                        releases,
                        false,
                        null,
                        approval.key));
    }

    public Expense approvalPosted(long sequence) {
        return withApproval(
                new Approval(
                        approval.by,
                        approval.at,
                        approval.date,
                        approval.releases,
                        true,
                        sequence,
                        approval.key));
    }

    /**
     * The pending approval marked posted as {@code posted}: the approval whose entry is in the
     * ledger, which may differ from the one stored when another caller has planned it again
     * meanwhile.
     */
    public Expense approvalPostedAs(Approval posted) {
        requireApprovalPending();
        if (!posted.posted) {
            throw new IllegalArgumentException("approval " + id + " is not posted");
        }
        return withApproval(posted);
    }

    /**
     * Approved again with an approval whose entry is known to be in the ledger: another caller
     * undid the step after a refusal while this one's posting of the very same entry went through.
     */
    public Expense approvalRestored(Approval posted) {
        if (state != ExpenseState.SUBMITTED || approval != null || !posted.posted) {
            throw new IllegalStateException("expense " + id + " has no undone approval to restore");
        }
        return new Expense(
                id,
                version + 1,
                category,
                amount,
                receiptReference,
                payeeName,
                payeeMemberId,
                description,
                projectId,
                partnerId,
                ExpenseState.APPROVED,
                submittedBy,
                submittedAt,
                submitKey,
                posted,
                null,
                null);
    }

    /**
     * Paid again with a payment whose entry is known to be in the ledger (see {@link
     * #approvalRestored}).
     */
    public Expense paymentRestored(Payment posted) {
        if (state != ExpenseState.APPROVED || payment != null || !posted.posted) {
            throw new IllegalStateException("expense " + id + " has no undone payment to restore");
        }
        return new Expense(
                id,
                version + 1,
                category,
                amount,
                receiptReference,
                payeeName,
                payeeMemberId,
                description,
                projectId,
                partnerId,
                ExpenseState.PAID,
                submittedBy,
                submittedAt,
                submitKey,
                approval,
                null,
                posted);
    }

    /** Back to submitted: the approval entry was refused by the ledger and nothing was posted. */
    public Expense approvalUndone() {
        requireApprovalPending();
        return new Expense(
                id,
                version + 1,
                category,
                amount,
                receiptReference,
                payeeName,
                payeeMemberId,
                description,
                projectId,
                partnerId,
                ExpenseState.SUBMITTED,
                submittedBy,
                submittedAt,
                submitKey,
                null,
                null,
                null);
    }

    public Expense reject(String by, Instant at, String reason) {
        move(ExpenseState.REJECTED);
        return new Expense(
                id,
                version + 1,
                category,
                amount,
                receiptReference,
                payeeName,
                payeeMemberId,
                description,
                projectId,
                partnerId,
                ExpenseState.REJECTED,
                submittedBy,
                submittedAt,
                submitKey,
                null,
                new Rejection(by, at, reason),
                null);
    }

    /** Paid; only once the approval is in the ledger. */
    public Expense pay(String by, Instant at, LocalDate date, String reference, String key) {
        move(ExpenseState.PAID);
        if (!approval.posted) {
            throw new IllegalStateException(
                    "expense " + id + " is approved but its approval is not posted yet");
        }
        return new Expense(
                id,
                version + 1,
                category,
                amount,
                receiptReference,
                payeeName,
                payeeMemberId,
                description,
                projectId,
                partnerId,
                ExpenseState.PAID,
                submittedBy,
                submittedAt,
                submitKey,
                approval,
                null,
                new Payment(by, at, date, reference, false, null, key));
    }

    public Expense paymentPosted(long sequence) {
        return new Expense(
                id,
                version + 1,
                category,
                amount,
                receiptReference,
                payeeName,
                payeeMemberId,
                description,
                projectId,
                partnerId,
                state,
                submittedBy,
                submittedAt,
                submitKey,
                approval,
                null,
                new Payment(
                        payment.by,
                        payment.at,
                        payment.date,
                        payment.reference,
                        true,
                        sequence,
                        payment.key));
    }

    /**
     * Back to approved: the payment entry was refused by the ledger (no money in the bank) and
     * nothing posted.
     */
    public Expense paymentUndone() {
        if (state != ExpenseState.PAID || payment.posted) {
            throw new IllegalStateException("expense " + id + " has no pending payment to undo");
        }
        return new Expense(
                id,
                version + 1,
                category,
                amount,
                receiptReference,
                payeeName,
                payeeMemberId,
                description,
                projectId,
                partnerId,
                ExpenseState.APPROVED,
                submittedBy,
                submittedAt,
                submitKey,
                approval,
                null,
                null);
    }

    /** Approved (or paid) with its approval not yet in the ledger. */
    public boolean approvalPending() {
        return approval != null && !approval.posted;
    }

    /** Paid with its payment not yet in the ledger. */
    public boolean paymentPending() {
        return payment != null && !payment.posted;
    }

    /** The account the expense is charged to. */
    public String expenseAccount() {
        if (category != ExpenseCategory.PROJECT) {
            return category.accountCode();
        }
        String project = ChartOfAccounts.projectExpensesCode(projectId);
        return partnerId == null ? project : project + ":M:" + partnerId;
    }

    /** Expenses payable: per member when the payee is one. */
    public String payableAccount() {
        return payeeMemberId == null
                ? ChartOfAccounts.EXPENSES_PAYABLE
                : ChartOfAccounts.EXPENSES_PAYABLE + ":M:" + payeeMemberId;
    }

    public static String partnerFundsAccount(String projectId, String partnerId) {
        return ChartOfAccounts.projectBudgetCode(projectId) + ":M:" + partnerId;
    }

    public static String contributionIncomeAccount(String projectId) {
        return ChartOfAccounts.grantIncomeCode(CONTRIBUTIONS_PROGRAMME, projectId);
    }

    /** The approval's entry: the expense, the payable and any release of project funds. */
    public JournalEntry approvalEntry() {
        if (approval == null) {
            throw new IllegalStateException("expense " + id + " is not approved");
        }
        List<Posting> postings = new ArrayList<>();
        postings.add(Posting.debit(expenseAccount(), amount));
        postings.add(Posting.credit(payableAccount(), amount));
        Money released = Money.zero(amount.currency());
        for (Release release : approval.releases) {
            postings.add(
                    Posting.debit(
                            partnerFundsAccount(projectId, release.partnerId), release.amount));
            released = released.add(release.amount);
        }
        if (released.isPositive()) {
            postings.add(Posting.credit(contributionIncomeAccount(projectId), released));
        }
        String key = "expense-approval:" + id;
        return JournalEntry.of(
                entryId(key), key, approval.date, text("Expense approved"), postings);
    }

    /** The payment's entry: the payable settled from the bank. */
    public JournalEntry paymentEntry() {
        if (payment == null) {
            throw new IllegalStateException("expense " + id + " is not paid");
        }
        String key = "expense-payment:" + id;
        return JournalEntry.of(
                entryId(key),
                key,
                payment.date,
                text("Expense paid"),
                List.of(
                        Posting.debit(payableAccount(), amount),
                        Posting.credit(ChartOfAccounts.BANK, amount)));
    }

    /**
     * What a project expense releases from its partners' funds, given what each partner holds now:
     * from its own partner when it names one, as much as it holds up to the amount; otherwise from
     * the partners holding the most first (ties by id), until the amount is covered or the funds
     * run out. Nothing for other categories.
     */
    public static List<Release> releases(Money amount, String partnerId, Map<String, Money> held) {
        List<Release> releases = new ArrayList<>();
        Money left = amount;
        List<Map.Entry<String, Money>> candidates =
                held.entrySet().stream()
                        .filter(entry -> entry.getValue().isPositive())
                        .filter(entry -> entry.getValue().currency().equals(amount.currency()))
                        .filter(entry -> partnerId == null || entry.getKey().equals(partnerId))
                        .sorted(
                                Comparator
                                        .<Map.Entry<String, Money>, java.math.BigDecimal>comparing(
                                                entry -> entry.getValue().amount())
                                        .reversed()
                                        .thenComparing(Map.Entry::getKey))
                        .toList();
        for (Map.Entry<String, Money> candidate : candidates) {
            if (!left.isPositive()) {
                break;
            }
            Money take =
                    candidate.getValue().amount().compareTo(left.amount()) < 0
                            ? candidate.getValue()
                            : left;
            releases.add(new Release(candidate.getKey(), take));
            left = left.subtract(take);
        }
        return releases;
    }

    /** The funds this expense released, in total. */
    public Money released() {
        Money total = Money.zero(amount.currency());
        if (approval != null) {
            for (Release release : approval.releases) {
                total = total.add(release.amount);
            }
        }
        return total;
    }

    private String text(String what) {
        String text = what + " " + id + ": " + description;
        return text.length() > JournalEntry.MAX_DESCRIPTION_LENGTH
                ? text.substring(0, JournalEntry.MAX_DESCRIPTION_LENGTH)
                : text;
    }

    static String entryId(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private Expense withApproval(Approval next) {
        return new Expense(
                id,
                version + 1,
                category,
                amount,
                receiptReference,
                payeeName,
                payeeMemberId,
                description,
                projectId,
                partnerId,
                state,
                submittedBy,
                submittedAt,
                submitKey,
                next,
                rejection,
                payment);
    }

    private void requireApprovalPending() {
        if (state != ExpenseState.APPROVED || approval == null || approval.posted) {
            throw new IllegalStateException("expense " + id + " has no pending approval");
        }
    }

    private void requireNotSubmitter(String by) {
        if (by.equals(submittedBy)) {
            throw new ExpenseRuleViolation(ExpenseRuleViolation.Rule.SELF_APPROVAL, id);
        }
    }

    private void move(ExpenseState next) {
        if (!state.mayBecome(next)) {
            throw new ExpenseRuleViolation(ExpenseRuleViolation.Rule.STATE, id, state, next);
        }
    }
}
