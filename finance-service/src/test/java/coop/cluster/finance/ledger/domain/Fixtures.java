package coop.cluster.finance.ledger.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Shared values for the ledger domain tests. */
final class Fixtures {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Currency USD = Currency.getInstance("USD");
    static final LocalDate DAY = LocalDate.of(2026, 3, 14);

    private Fixtures() {}

    static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    static JournalEntry entry(String id, Posting... postings) {
        return JournalEntry.of(id, "key-" + id, DAY, "entry " + id, List.of(postings));
    }

    /** A two-posting entry moving {@code amount} from the credited account to the debited one. */
    static JournalEntry transfer(String id, String debited, String credited, Money amount) {
        return entry(id, Posting.debit(debited, amount), Posting.credit(credited, amount));
    }

    static void assertViolation(ThrowingCallable call, String code) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        LedgerViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo(code));
    }
}
