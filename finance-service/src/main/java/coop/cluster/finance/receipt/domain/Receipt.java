package coop.cluster.finance.receipt.domain;

import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Money (or value) the cluster received from outside its fees, and its entry:
 *
 * <ul>
 *   <li>a donation: Dr {@code 1000} bank / Cr {@code 4100:S:<source>} donations;
 *   <li>a grant received: Dr {@code 1000} / Cr {@code 4200:P:<programme>}, or {@code
 *       4200:P:<programme>:J:<project>} when it is for a project;
 *   <li>an in-kind contribution, at its declared value, as a memo (outside the balance): Dr {@code
 *       9000:M:<member>} / Cr {@code 9900:M:<member>} when a member gave it, else Dr {@code
 *       9000:S:<source>} / Cr {@code 9900:S:<source>}.
 * </ul>
 *
 * Source and programme ids become account segments through {@link Segments#of}. The entry's id and
 * idempotency key derive from the receipt's id, itself derived from the kind and the request's
 * Idempotency-Key.
 *
 * @param posted whether the entry is in the ledger
 * @param sequence its sequence there, once posted
 */
public record Receipt(
        String id,
        Kind kind,
        Money amount,
        LocalDate date,
        String sourceId,
        String sourceName,
        String programme,
        String projectId,
        String memberId,
        String description,
        String valuationBasis,
        String reference,
        String recordedBy,
        Instant recordedAt,
        String key,
        boolean posted,
        Long sequence) {

    public enum Kind {
        DONATION,
        GRANT,
        IN_KIND;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Receipt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(date, "date");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a receipt is positive, not " + amount);
        }
        switch (kind) {
            case DONATION -> require(sourceId != null, "a donation names its donor");
            case GRANT ->
                    require(
                            sourceId != null && programme != null,
                            "a grant names its funder and programme");
            case IN_KIND ->
                    require(
                            (memberId != null) != (sourceId != null) && valuationBasis != null,
                            "an in-kind contribution names a member or a source, not both, and its"
                                    + " valuation basis");
        }
    }

    /**
     * The receipt's id for a kind and Idempotency-Key: the same request always names the same
     * receipt.
     */
    public static String idFor(Kind kind, String key) {
        return UUID.nameUUIDFromBytes(
                        (kind.label() + '\u0000' + key).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** Whether {@code other} records the same thing (who recorded it and when aside). */
    public boolean sameAs(Receipt other) {
        return kind == other.kind
                && amount.equals(other.amount)
                && date.equals(other.date)
                && Objects.equals(sourceId, other.sourceId)
                && Objects.equals(sourceName, other.sourceName)
                && Objects.equals(programme, other.programme)
                && Objects.equals(projectId, other.projectId)
                && Objects.equals(memberId, other.memberId)
                && Objects.equals(description, other.description)
                && Objects.equals(valuationBasis, other.valuationBasis)
                && Objects.equals(reference, other.reference);
    }

    public Receipt postedAt(long at) {
        return new Receipt(
                id,
                kind,
                amount,
                date,
                sourceId,
                sourceName,
                programme,
                projectId,
                memberId,
                description,
                valuationBasis,
                reference,
                recordedBy,
                recordedAt,
                key,
                true,
                at);
    }

    /** The account credited (the memo contra account for in-kind). */
    public String creditAccount() {
        return switch (kind) {
            case DONATION -> ChartOfAccounts.DONATIONS + ":S:" + Segments.of(sourceId);
            case GRANT ->
                    projectId == null
                            ? ChartOfAccounts.grantIncomeCode(Segments.of(programme))
                            : ChartOfAccounts.grantIncomeCode(Segments.of(programme), projectId);
            case IN_KIND -> ChartOfAccounts.IN_KIND_CONTRA + inKindSegment();
        };
    }

    /** The account debited: the bank, or the in-kind memo account. */
    public String debitAccount() {
        return kind == Kind.IN_KIND
                ? ChartOfAccounts.IN_KIND + inKindSegment()
                : ChartOfAccounts.BANK;
    }

    private String inKindSegment() {
        return memberId != null ? ":M:" + memberId : ":S:" + Segments.of(sourceId);
    }

    public JournalEntry entry() {
        String entryKey = "receipt:" + kind.label() + ":" + id;
        String text =
                switch (kind) {
                    case DONATION -> "Donation from " + sourceName;
                    case GRANT -> "Grant from " + sourceName + " (" + programme + ")";
                    case IN_KIND ->
                            "In kind from "
                                    + (sourceName != null ? sourceName : memberId)
                                    + ": "
                                    + description
                                    + " (valued on: "
                                    + valuationBasis
                                    + ")";
                };
        if (reference != null) {
            text = text + ", ref. " + reference;
        }
        if (text.length() > JournalEntry.MAX_DESCRIPTION_LENGTH) {
            text = text.substring(0, JournalEntry.MAX_DESCRIPTION_LENGTH);
        }
        return JournalEntry.of(
                UUID.nameUUIDFromBytes(entryKey.getBytes(StandardCharsets.UTF_8)).toString(),
                entryKey,
                date,
                text,
                List.of(
                        Posting.debit(debitAccount(), amount),
                        Posting.credit(creditAccount(), amount)));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
