package coop.cluster.finance.receipt.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cluster.finance.ledger.domain.Balances;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.Ledger;
import coop.cluster.finance.ledger.domain.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import org.junit.jupiter.api.Test;

/** Each kind of receipt's entry, posted to a ledger in memory. */
class ReceiptTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final Instant NOW = Instant.parse("2026-03-14T10:00:00Z");

    private final Ledger ledger =
            Ledger.empty(ChartOfAccounts.standard(Currency.getInstance("EUR")));

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private static Receipt receipt(
            Receipt.Kind kind,
            String amount,
            String sourceId,
            String programme,
            String projectId,
            String memberId) {
        return new Receipt(
                Receipt.idFor(kind, "k-" + amount),
                kind,
                eur(amount),
                DAY,
                sourceId,
                sourceId == null ? null : "Fondation Éole",
                programme,
                projectId,
                memberId,
                "printer",
                kind == Receipt.Kind.IN_KIND ? "catalogue price" : null,
                "ref-1",
                "fred",
                NOW,
                "k-" + amount,
                false,
                null);
    }

    private void assertSound() {
        Balances balances = ledger.balances();
        assertThat(balances.trialBalance().values()).allMatch(Money::isZero);
        assertThat(balances.memoTrialBalance().values()).allMatch(Money::isZero);
    }

    @Test
    void aDonationCreditsDonationsPerSourceAndFillsTheBank() {
        Receipt donation =
                receipt(Receipt.Kind.DONATION, "250.00", "Fondation Éole / 2026", null, null, null);

        ledger.post(donation.entry());

        String source = Segments.of("Fondation Éole / 2026");
        assertThat(donation.creditAccount()).isEqualTo("4100:S:" + source);
        assertThat(ledger.balance(ChartOfAccounts.BANK)).isEqualTo(eur("250.00"));
        assertThat(ledger.balance("4100:S:" + source)).isEqualTo(eur("250.00"));
        assertThat(ledger.balances().total(ChartOfAccounts.DONATIONS)).isEqualTo(eur("250.00"));
        assertSound();
    }

    @Test
    void aGrantCreditsItsProgrammeAndProject() {
        ledger.post(
                receipt(Receipt.Kind.GRANT, "1000.00", "ec", "Horizon Europe", null, null).entry());
        ledger.post(
                receipt(Receipt.Kind.GRANT, "400.00", "ec", "Horizon Europe", "p-9", null).entry());

        String programme = Segments.of("Horizon Europe");
        assertThat(ledger.balance("4200:P:" + programme)).isEqualTo(eur("1000.00"));
        assertThat(ledger.balance("4200:P:" + programme + ":J:p-9")).isEqualTo(eur("400.00"));
        assertThat(ledger.balances().total(ChartOfAccounts.GRANT_INCOME)).isEqualTo(eur("1400.00"));
        assertThat(ledger.balance(ChartOfAccounts.BANK)).isEqualTo(eur("1400.00"));
        assertSound();
    }

    @Test
    void inKindIsAMemoAtItsDeclaredValueAndLeavesTheBalanceAlone() {
        ledger.post(receipt(Receipt.Kind.IN_KIND, "80.00", null, null, null, "m-1").entry());
        ledger.post(receipt(Receipt.Kind.IN_KIND, "20.00", "atelier", null, null, null).entry());

        assertThat(ledger.balance("9000:M:m-1")).isEqualTo(eur("80.00"));
        assertThat(ledger.balance("9900:M:m-1")).isEqualTo(eur("80.00"));
        assertThat(ledger.balance("9000:S:atelier")).isEqualTo(eur("20.00"));
        assertThat(ledger.balance("9900:S:atelier")).isEqualTo(eur("20.00"));
        assertThat(ledger.balance(ChartOfAccounts.BANK)).isEqualTo(eur("0.00"));
        assertSound();
    }

    @Test
    void theEntryDerivesFromTheReceiptSoAReplayPostsNothing() {
        Receipt donation = receipt(Receipt.Kind.DONATION, "5.00", "d-1", null, null, null);

        ledger.post(donation.entry());

        assertThat(ledger.post(donation.entry()).replayed()).isTrue();
        assertThat(ledger.balance(ChartOfAccounts.BANK)).isEqualTo(eur("5.00"));
        assertThat(donation.entry().idempotencyKey())
                .isEqualTo("receipt:donation:" + donation.id());
        assertThat(Receipt.idFor(Receipt.Kind.DONATION, "k"))
                .isEqualTo(Receipt.idFor(Receipt.Kind.DONATION, "k"))
                .isNotEqualTo(Receipt.idFor(Receipt.Kind.GRANT, "k"));
    }

    @Test
    void aReceiptNamesWhatItsKindNeeds() {
        assertThatThrownBy(() -> receipt(Receipt.Kind.DONATION, "5.00", null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> receipt(Receipt.Kind.GRANT, "5.00", "ec", null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> receipt(Receipt.Kind.IN_KIND, "5.00", "s", null, null, "m-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sameAsComparesContentNotWhoOrWhen() {
        Receipt one = receipt(Receipt.Kind.DONATION, "5.00", "d-1", null, null, null);
        Receipt later =
                new Receipt(
                        one.id(),
                        one.kind(),
                        one.amount(),
                        one.date(),
                        one.sourceId(),
                        one.sourceName(),
                        null,
                        null,
                        null,
                        one.description(),
                        null,
                        one.reference(),
                        "other",
                        NOW.plusSeconds(60),
                        one.key(),
                        false,
                        null);
        Receipt more =
                new Receipt(
                        one.id(),
                        one.kind(),
                        eur("6.00"),
                        one.date(),
                        one.sourceId(),
                        one.sourceName(),
                        null,
                        null,
                        null,
                        one.description(),
                        null,
                        one.reference(),
                        "fred",
                        NOW,
                        one.key(),
                        false,
                        null);

        assertThat(one.sameAs(later)).isTrue();
        assertThat(one.sameAs(more)).isFalse();
    }
}
