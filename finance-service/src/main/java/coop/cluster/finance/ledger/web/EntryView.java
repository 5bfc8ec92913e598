package coop.cluster.finance.ledger.web;

import coop.cluster.finance.ledger.LedgerEntry;
import coop.cluster.finance.ledger.domain.Conversion;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import java.util.List;

/**
 * A journal entry as the API shows it; amounts are decimal strings at the currency's minor unit.
 *
 * @param replayed whether this answer is a replay of an earlier posting under the same key (only on
 *     a POST answer; {@code false} otherwise)
 */
record EntryView(
        long sequence,
        String id,
        String idempotencyKey,
        String date,
        String description,
        List<PostingView> postings,
        String reverses,
        List<ConversionView> conversions,
        String postedAt,
        boolean replayed) {

    record PostingView(String account, String side, String amount, String currency) {

        static PostingView of(Posting posting) {
            return new PostingView(
                    posting.accountCode(),
                    posting.side().name(),
                    posting.amount().amount().toPlainString(),
                    posting.amount().currency().getCurrencyCode());
        }
    }

    record MoneyView(String amount, String currency) {

        static MoneyView of(Money money) {
            return new MoneyView(
                    money.amount().toPlainString(), money.currency().getCurrencyCode());
        }
    }

    record ConversionView(MoneyView from, MoneyView to) {

        static ConversionView of(Conversion conversion) {
            return new ConversionView(
                    MoneyView.of(conversion.from()), MoneyView.of(conversion.to()));
        }
    }

    static EntryView of(LedgerEntry stored, boolean replayed) {
        JournalEntry entry = stored.entry();
        return new EntryView(
                stored.sequence(),
                entry.id(),
                entry.idempotencyKey(),
                entry.effectiveDate().toString(),
                entry.description(),
                entry.postings().stream().map(PostingView::of).toList(),
                entry.reverses(),
                entry.conversions().stream().map(ConversionView::of).toList(),
                stored.postedAt().toString(),
                replayed);
    }

    /**
     * A page of the journal in sequence order.
     *
     * @param next the {@code from} of the next page, or {@code null} when this is the last one
     */
    record Page(List<EntryView> entries, long from, int size, Long next) {}
}
