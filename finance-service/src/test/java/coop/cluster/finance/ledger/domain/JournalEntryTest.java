package coop.cluster.finance.ledger.domain;

import static coop.cluster.finance.ledger.domain.Fixtures.DAY;
import static coop.cluster.finance.ledger.domain.Fixtures.assertViolation;
import static coop.cluster.finance.ledger.domain.Fixtures.entry;
import static coop.cluster.finance.ledger.domain.Fixtures.eur;
import static coop.cluster.finance.ledger.domain.Fixtures.usd;
import static coop.cluster.finance.ledger.domain.Posting.credit;
import static coop.cluster.finance.ledger.domain.Posting.debit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JournalEntryTest {

    private static final List<Posting> FEE =
            List.of(debit("1100:M:m1", eur("100")), credit("4000", eur("100")));

    @Test
    void postingsArePositive() {
        assertViolation(() -> debit("1000", eur("0")), "posting-amount-not-positive");
        assertViolation(() -> credit("1000", eur("-5")), "posting-amount-not-positive");
        assertThat(debit("1000", eur("5")).opposite()).isEqualTo(credit("1000", eur("5")));
        assertThat(credit("1000", eur("5")).signedAmount()).isEqualTo(eur("-5"));
    }

    @Test
    void aBalancedMultiPostingEntryIsAccepted() {
        JournalEntry entry =
                entry(
                        "e1",
                        debit("1000", eur("150")),
                        credit("4000", eur("100")),
                        credit("4100", eur("50")));
        assertThat(entry.postings()).hasSize(3);
        assertThat(entry.isReversal()).isFalse();
        assertThat(entry.conversions()).isEmpty();
        assertThatThrownBy(() -> entry.postings().add(debit("1000", eur("1"))))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void postingsAreCopiedAtConstruction() {
        List<Posting> postings = new ArrayList<>(FEE);
        JournalEntry entry = JournalEntry.of("e1", "k1", DAY, "fee", postings);
        postings.add(debit("1000", eur("1")));
        assertThat(entry.postings()).hasSize(2);
    }

    @Test
    void anUnbalancedEntryIsRefused() {
        assertViolation(
                () -> entry("e1", debit("1000", eur("100")), credit("4000", eur("99.99"))),
                "entry-unbalanced");
        assertThatThrownBy(
                        () -> entry("e1", debit("1000", eur("100")), credit("4000", eur("99.99"))))
                .hasMessageContaining("100.00 EUR")
                .hasMessageContaining("99.99 EUR");
    }

    @Test
    void anEntryNeedsTwoPostings() {
        assertViolation(() -> entry("e1", debit("1000", eur("1"))), "entry-too-few-postings");
        assertViolation(() -> entry("e1"), "entry-too-few-postings");
    }

    @Test
    void malformedEntriesAreRefused() {
        assertViolation(() -> JournalEntry.of(null, "k", DAY, "d", FEE), "entry-invalid");
        assertViolation(() -> JournalEntry.of("has space", "k", DAY, "d", FEE), "entry-invalid");
        assertViolation(() -> JournalEntry.of("x".repeat(65), "k", DAY, "d", FEE), "entry-invalid");
        assertViolation(() -> JournalEntry.of("e1", "k", null, "d", FEE), "entry-invalid");
        assertViolation(() -> JournalEntry.of("e1", "k", DAY, " ", FEE), "entry-invalid");
        assertViolation(
                () -> JournalEntry.of("e1", "k", DAY, "d".repeat(501), FEE), "entry-invalid");
        assertViolation(
                () -> new JournalEntry("e1", "k", DAY, "d", FEE, "e1", List.of()), "entry-invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "tab\tinside"})
    void idempotencyKeysAreRequiredAndPrintable(String key) {
        assertViolation(() -> JournalEntry.of("e1", key, DAY, "d", FEE), "idempotency-key-invalid");
    }

    @Test
    void idempotencyKeysAreBounded() {
        assertViolation(
                () -> JournalEntry.of("e1", null, DAY, "d", FEE), "idempotency-key-invalid");
        assertViolation(
                () -> JournalEntry.of("e1", "k".repeat(129), DAY, "d", FEE),
                "idempotency-key-invalid");
        assertThat(JournalEntry.of("e1", "k".repeat(128), DAY, "d", FEE).idempotencyKey())
                .hasSize(128);
    }

    @Test
    void anAccountIsNotBothDebitedAndCredited() {
        assertViolation(
                () ->
                        entry(
                                "e1",
                                debit("1000", eur("10")),
                                credit("1000", eur("4")),
                                credit("4000", eur("6"))),
                "account-on-both-sides");
        assertThat(
                        entry(
                                        "e1",
                                        debit("6100", eur("4")),
                                        debit("6100", eur("6")),
                                        credit("1000", eur("10")))
                                .postings())
                .hasSize(3);
    }

    @Test
    void mixedCurrenciesNeedARecordedConversion() {
        assertViolation(
                () -> entry("e1", debit("1010", usd("100")), credit("1000", eur("92"))),
                "currency-mismatch");
        assertViolation(
                () ->
                        entry(
                                "e1",
                                debit("1010", usd("5")),
                                credit("4110", usd("5")),
                                debit("1000", eur("5")),
                                credit("4100", eur("5"))),
                "currency-mismatch");
    }

    @Test
    void aConversionBalancesTwoCurrencies() {
        JournalEntry exchange =
                JournalEntry.converting(
                        "e1",
                        "k1",
                        DAY,
                        "buy dollars",
                        List.of(debit("1010", usd("100")), credit("1000", eur("92"))),
                        List.of(new Conversion(eur("92"), usd("100"))));
        assertThat(exchange.currencies()).containsExactlyInAnyOrder(Fixtures.EUR, Fixtures.USD);
        assertThat(exchange.conversions().getFirst().rate())
                .isEqualByComparingTo(new BigDecimal("1.086956521739130"));
    }

    @Test
    void aConversionThatDoesNotMatchThePostingsIsRefused() {
        assertViolation(
                () ->
                        JournalEntry.converting(
                                "e1",
                                "k1",
                                DAY,
                                "d",
                                List.of(debit("1010", usd("100")), credit("1000", eur("92"))),
                                List.of(new Conversion(eur("91"), usd("100")))),
                "entry-unbalanced");
        assertViolation(
                () ->
                        JournalEntry.converting(
                                "e1",
                                "k1",
                                DAY,
                                "d",
                                List.of(debit("1000", eur("5")), credit("4100", eur("5"))),
                                List.of(new Conversion(eur("5"), usd("5")))),
                "conversion-invalid");
        assertViolation(
                () ->
                        JournalEntry.converting(
                                "e1",
                                "k1",
                                DAY,
                                "d",
                                List.of(
                                        debit("1010", usd("100")),
                                        credit("1000", eur("92")),
                                        debit("1020", Money.of("10", "GBP")),
                                        credit("4120", Money.of("10", "GBP"))),
                                List.of(new Conversion(eur("92"), usd("100")))),
                "currency-mismatch");
    }

    @Test
    void aConversionHasTwoPositiveAmountsInTwoCurrencies() {
        assertViolation(() -> new Conversion(eur("1"), eur("1")), "conversion-invalid");
        assertViolation(() -> new Conversion(eur("0"), usd("1")), "conversion-invalid");
        assertViolation(() -> new Conversion(eur("1"), usd("-1")), "conversion-invalid");
    }

    @Test
    void theReversalIsTheExactOppositeReferencingTheOriginal() {
        JournalEntry exchange =
                JournalEntry.converting(
                        "e1",
                        "k1",
                        DAY,
                        "buy dollars",
                        List.of(debit("1010", usd("100")), credit("1000", eur("92"))),
                        List.of(new Conversion(eur("92"), usd("100"))));
        JournalEntry reversal = exchange.reversal("e2", "k2", DAY.plusDays(3));
        assertThat(reversal.reverses()).isEqualTo("e1");
        assertThat(reversal.reversedEntry()).contains("e1");
        assertThat(reversal.effectiveDate()).isEqualTo(DAY.plusDays(3));
        assertThat(reversal.postings())
                .containsExactly(credit("1010", usd("100")), debit("1000", eur("92")));
        assertThat(reversal.conversions()).containsExactly(new Conversion(usd("100"), eur("92")));
        assertThat(reversal.isOppositeOf(exchange)).isTrue();
        assertThat(exchange.isOppositeOf(exchange)).isFalse();
    }

    @Test
    void aReversalCannotBeReversed() {
        JournalEntry reversal =
                JournalEntry.of("e1", "k1", DAY, "fee", FEE).reversal("e2", "k2", DAY);
        assertViolation(() -> reversal.reversal("e3", "k3", DAY), "reversal-of-reversal");
    }

    @Test
    void sameContentIgnoresTheIdAndThePostingOrder() {
        JournalEntry first = JournalEntry.of("e1", "k1", DAY, "fee", FEE);
        assertThat(first.sameContentAs(JournalEntry.of("e9", "k1", DAY, "fee", FEE.reversed())))
                .isTrue();
        assertThat(first.sameContentAs(JournalEntry.of("e1", "k1", DAY.plusDays(1), "fee", FEE)))
                .isFalse();
        assertThat(first.sameContentAs(JournalEntry.of("e1", "k1", DAY, "fee!", FEE))).isFalse();
        assertThat(
                        first.sameContentAs(
                                JournalEntry.of(
                                        "e1",
                                        "k1",
                                        DAY,
                                        "fee",
                                        List.of(
                                                debit("1100:M:m1", eur("101")),
                                                credit("4000", eur("101"))))))
                .isFalse();
    }
}
