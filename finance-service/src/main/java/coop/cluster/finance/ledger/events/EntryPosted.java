package coop.cluster.finance.ledger.events;

import coop.cluster.finance.ledger.domain.Conversion;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A journal entry was posted to the ledger, at its sequence. Published exactly once per accepted
 * entry (a replay of the same idempotency key publishes nothing, a refused entry nothing). Topic
 * {@code finance.ledger}; key and subject ({@code ledger-entries/<entryId>}): the entry id. Amounts
 * are decimal strings, never numbers.
 *
 * @param sequence the entry's position in the ledger, 1, 2, 3... without gaps
 * @param entryId the entry's id, unique in the ledger
 * @param idempotencyKey the poster's key
 * @param date the effective date
 * @param description for people
 * @param postings two or more
 * @param reverses the id of the entry this one reverses, or {@code null}
 * @param conversions the currency conversions of a multi-currency entry; empty otherwise
 * @param postedAt when it was written to the journal
 */
@IntegrationEvent(
        type = "cluster.finance.ledger.entry-posted",
        version = 1,
        topic = "finance.ledger")
public record EntryPosted(
        long sequence,
        String entryId,
        String idempotencyKey,
        LocalDate date,
        String description,
        List<PostingLine> postings,
        String reverses,
        List<ConversionLine> conversions,
        Instant postedAt) {

    /** Aggregate type in the subject. */
    public static final String AGGREGATE = "ledger-entries";

    /**
     * One posting.
     *
     * @param side {@code DEBIT} or {@code CREDIT}
     * @param amount a decimal string such as {@code "12.50"}
     */
    public record PostingLine(String account, String side, String amount, String currency) {}

    /** One currency conversion: both exact amounts as decimal strings. */
    public record ConversionLine(
            String fromAmount, String fromCurrency, String toAmount, String toCurrency) {}

    public static EntryPosted of(long sequence, JournalEntry entry, Instant postedAt) {
        return new EntryPosted(
                sequence,
                entry.id(),
                entry.idempotencyKey(),
                entry.effectiveDate(),
                entry.description(),
                entry.postings().stream().map(EntryPosted::line).toList(),
                entry.reverses(),
                entry.conversions().stream().map(EntryPosted::line).toList(),
                postedAt);
    }

    private static PostingLine line(Posting posting) {
        return new PostingLine(
                posting.accountCode(),
                posting.side().name(),
                amount(posting.amount()),
                code(posting.amount()));
    }

    private static ConversionLine line(Conversion conversion) {
        return new ConversionLine(
                amount(conversion.from()),
                code(conversion.from()),
                amount(conversion.to()),
                code(conversion.to()));
    }

    private static String amount(Money money) {
        return money.amount().toPlainString();
    }

    private static String code(Money money) {
        return money.currency().getCurrencyCode();
    }
}
