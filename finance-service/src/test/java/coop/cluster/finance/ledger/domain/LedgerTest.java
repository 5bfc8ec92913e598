package coop.cluster.finance.ledger.domain;

import static coop.cluster.finance.ledger.domain.ChartOfAccounts.*;
import static coop.cluster.finance.ledger.domain.Fixtures.DAY;
import static coop.cluster.finance.ledger.domain.Fixtures.EUR;
import static coop.cluster.finance.ledger.domain.Fixtures.USD;
import static coop.cluster.finance.ledger.domain.Fixtures.assertViolation;
import static coop.cluster.finance.ledger.domain.Fixtures.entry;
import static coop.cluster.finance.ledger.domain.Fixtures.eur;
import static coop.cluster.finance.ledger.domain.Fixtures.transfer;
import static coop.cluster.finance.ledger.domain.Fixtures.usd;
import static coop.cluster.finance.ledger.domain.Posting.credit;
import static coop.cluster.finance.ledger.domain.Posting.debit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerTest {

    private static final String MEMBER = memberReceivableCode("m1");
    private final Ledger ledger =
            Ledger.empty(
                    ChartOfAccounts.standard(EUR)
                            .withMemberReceivable("m1")
                            .withAccount(Account.of("1010", "Bank (USD)", AccountType.ASSET, USD)));

    @Test
    void balancesComeFromTheEntriesSignedByNormalSide() {
        ledger.post(transfer("e1", MEMBER, FEE_INCOME, eur("100")));
        Recorded paid = ledger.post(transfer("e2", BANK, MEMBER, eur("60")));
        assertThat(paid.replayed()).isFalse();
        assertThat(ledger.balance(MEMBER)).isEqualTo(eur("40"));
        assertThat(ledger.balance(FEE_INCOME)).isEqualTo(eur("100"));
        assertThat(ledger.balance(BANK)).isEqualTo(eur("60"));
        assertThat(ledger.balance(DONATIONS)).isEqualTo(eur("0"));
        assertThat(ledger.balances().total(MEMBER_RECEIVABLES)).isEqualTo(eur("40"));
        assertThat(ledger.balances().trialBalance())
                .containsExactly(Map.entry(EUR, eur("0")), Map.entry(USD, usd("0")));
        assertThat(ledger.entries()).extracting(JournalEntry::id).containsExactly("e1", "e2");
        assertViolation(() -> ledger.balance("1999"), "account-unknown");
    }

    @Test
    void theSameKeyWithTheSameContentIsANoOpReturningTheFirstEntry() {
        JournalEntry first = transfer("e1", BANK, DONATIONS, eur("50"));
        ledger.post(first);
        JournalEntry retry =
                JournalEntry.of(
                        "e1-retry",
                        first.idempotencyKey(),
                        DAY,
                        first.description(),
                        first.postings());
        Recorded again = ledger.post(retry);
        assertThat(again.replayed()).isTrue();
        assertThat(again.entry()).isSameAs(first);
        assertThat(ledger.entries()).containsExactly(first);
        assertThat(ledger.balance(BANK)).isEqualTo(eur("50"));
        assertThat(ledger.entryForKey(first.idempotencyKey())).containsSame(first);
    }

    @Test
    void theSameKeyWithOtherContentIsAConflict() {
        ledger.post(transfer("e1", BANK, DONATIONS, eur("50")));
        JournalEntry other =
                JournalEntry.of(
                        "e2",
                        "key-e1",
                        DAY,
                        "entry e1",
                        List.of(debit(BANK, eur("51")), credit(DONATIONS, eur("51"))));
        assertViolation(() -> ledger.post(other), "idempotency-conflict");
        assertThat(ledger.balance(BANK)).isEqualTo(eur("50"));
    }

    @Test
    void anEntryIdIsUsedOnce() {
        ledger.post(transfer("e1", BANK, DONATIONS, eur("50")));
        JournalEntry sameId =
                JournalEntry.of(
                        "e1",
                        "another-key",
                        DAY,
                        "d",
                        List.of(debit(BANK, eur("1")), credit(DONATIONS, eur("1"))));
        assertViolation(() -> ledger.post(sameId), "entry-id-taken");
    }

    @Test
    void postingsToUnknownAccountsAreRefused() {
        assertViolation(
                () -> ledger.post(transfer("e1", BANK, "4999", eur("1"))), "account-unknown");
        // sub-accounts the chart does not open on demand: an unknown kind, a kind not under that
        // account, a bank
        // per member, a kind without its value, a value with a character codes do not allow
        for (String code :
                List.of(
                        "1100:X:m2",
                        "1100:J:p1",
                        "1000:M:m2",
                        "1100:M",
                        "1100:M:m 2",
                        "2500:J:p1:J:p2",
                        "4200:J:p1")) {
            assertViolation(
                    () -> ledger.post(transfer("e1", code, FEE_INCOME, eur("1"))),
                    "account-unknown");
        }
        assertThat(ledger.entries()).isEmpty();
        assertThat(ledger.chart().size()).isEqualTo(ChartOfAccounts.standard(EUR).size() + 2);
    }

    @Test
    void preparingDecidesWithoutChangingAndApplyingHoldsOnlyForTheStateItWasPreparedAgainst() {
        Ledger.Prepared first = ledger.prepare(transfer("e1", MEMBER, FEE_INCOME, eur("100")));
        assertThat(ledger.entries()).isEmpty();
        assertThat(ledger.balance(MEMBER)).isEqualTo(eur("0.00"));
        assertViolation(
                () -> ledger.prepare(transfer("e2", BANK, MEMBER, eur("1"))),
                "account-would-go-negative");

        ledger.post(transfer("e0", BANK, DONATIONS, eur("5")));
        assertThatIllegalStateException().isThrownBy(() -> ledger.apply(first));
        assertThat(
                        ledger.apply(ledger.prepare(transfer("e1", MEMBER, FEE_INCOME, eur("100"))))
                                .replayed())
                .isFalse();
        assertThat(ledger.balance(MEMBER)).isEqualTo(eur("100"));
        assertThat(
                        ledger.prepare(transfer("e1", MEMBER, FEE_INCOME, eur("100")))
                                .replay()
                                .replayed())
                .isTrue();
    }

    @Test
    void aPostingOpensTheSubAccountItNamesWithItsAncestors() {
        ledger.post(transfer("e1", memberReceivableCode("m2"), FEE_INCOME, eur("120.00")));
        assertThat(ledger.balance(memberReceivableCode("m2"))).isEqualTo(eur("120.00"));
        assertThat(ledger.chart().get(memberReceivableCode("m2")).name())
                .isEqualTo("Member receivables, member m2");

        ledger.post(transfer("e2", BANK, grantIncomeCode("HORIZON", "p7"), eur("900.00")));
        Account grant = ledger.chart().get(grantIncomeCode("HORIZON", "p7"));
        assertThat(grant.parent()).contains(grantIncomeCode("HORIZON"));
        assertThat(grant.type()).isEqualTo(AccountType.INCOME);
        assertThat(grant.name()).isEqualTo("Grant income, programme HORIZON, project p7");
        assertThat(ledger.balances().total(GRANT_INCOME)).isEqualTo(eur("900.00"));
        assertThat(ledger.balance(grantIncomeCode("HORIZON"))).isEqualTo(eur("0.00"));

        // an opened account keeps its rules: a receivable may not go negative
        assertViolation(
                () -> ledger.post(transfer("e3", BANK, memberReceivableCode("m3"), eur("1"))),
                "account-would-go-negative");
        assertThat(ledger.chart().contains(memberReceivableCode("m3"))).isFalse();
    }

    @Test
    void aLedgerReplayedOpensTheSameAccounts() {
        ledger.post(transfer("e1", memberReceivableCode("m2"), FEE_INCOME, eur("120.00")));
        ledger.post(transfer("e2", BANK, projectBudgetCode("p1") + ":M:m2", eur("50.00")));
        Ledger again =
                Ledger.replay(
                        ChartOfAccounts.standard(EUR)
                                .withMemberReceivable("m1")
                                .withAccount(
                                        Account.of("1010", "Bank (USD)", AccountType.ASSET, USD)),
                        ledger.entries());
        assertThat(again.chart()).isEqualTo(ledger.chart());
        assertThat(again.balances()).isEqualTo(ledger.balances());
    }

    @Test
    void postingsInAnotherCurrencyThanTheAccountsAreRefused() {
        assertViolation(
                () -> ledger.post(transfer("e1", "1010", BANK, usd("1"))), "currency-mismatch");
    }

    @Test
    void anAccountThatMayNotGoNegativeStaysAtOrAboveZero() {
        ledger.post(transfer("e1", BANK, DONATIONS, eur("100")));
        JournalEntry overdraw =
                entry(
                        "e2",
                        debit(ADMINISTRATIVE_EXPENSES, eur("60")),
                        debit(LEGAL_EXPENSES, eur("40.01")),
                        credit(BANK, eur("100.01")));
        assertViolation(() -> ledger.post(overdraw), "account-would-go-negative");
        assertViolation(
                () -> ledger.post(transfer("e3", MEMBER, BANK, eur("1")).reversal("e4", "k4", DAY)),
                "reversal-target-unknown");
        assertThat(ledger.balance(BANK)).isEqualTo(eur("100"));
        assertThat(ledger.balance(ADMINISTRATIVE_EXPENSES)).isEqualTo(eur("0"));
        assertThat(ledger.entries()).hasSize(1);
        ledger.post(
                entry(
                        "e5",
                        debit(ADMINISTRATIVE_EXPENSES, eur("60")),
                        debit(LEGAL_EXPENSES, eur("40")),
                        credit(BANK, eur("100"))));
        assertThat(ledger.balance(BANK)).isEqualTo(eur("0"));
    }

    @Test
    void aMemberWhoOverpaysGoesToPrepaymentsNotBelowZeroReceivable() {
        ledger.post(transfer("invoice", MEMBER, FEE_INCOME, eur("100")));
        assertViolation(
                () -> ledger.post(transfer("pay", BANK, MEMBER, eur("120"))),
                "account-would-go-negative");
        ledger.post(
                entry(
                        "pay",
                        debit(BANK, eur("120")),
                        credit(MEMBER, eur("100")),
                        credit(MEMBER_PREPAYMENTS, eur("20"))));
        assertThat(ledger.balance(MEMBER)).isEqualTo(eur("0"));
        assertThat(ledger.balance(MEMBER_PREPAYMENTS)).isEqualTo(eur("20"));
    }

    @Test
    void equityAndAccountsOpenedToAllowItMayGoNegative() {
        ledger.post(transfer("deficit", ADMINISTRATIVE_EXPENSES, NET_ASSETS, eur("10")));
        ledger.post(transfer("deficit2", NET_ASSETS, DONATIONS, eur("30")));
        assertThat(ledger.balance(NET_ASSETS)).isEqualTo(eur("-20"));
        ledger.extendChart(
                ledger.chart()
                        .withAccount(
                                Account.of("1050", "Overdraft facility", AccountType.ASSET, EUR)
                                        .withMayGoNegative(true)));
        ledger.post(transfer("overdraft", ADMINISTRATIVE_EXPENSES, "1050", eur("5")));
        assertThat(ledger.balance("1050")).isEqualTo(eur("-5"));
    }

    @Test
    void inKindContributionsStayAmongMemoAccounts() {
        ledger.post(transfer("gift", IN_KIND, IN_KIND_CONTRA, eur("800")));
        assertThat(ledger.balance(IN_KIND)).isEqualTo(eur("800"));
        assertThat(ledger.balance(IN_KIND_CONTRA)).isEqualTo(eur("800"));
        assertThat(ledger.balances().memoTrialBalance()).containsExactly(Map.entry(EUR, eur("0")));
        assertViolation(
                () -> ledger.post(transfer("mixed", IN_KIND, DONATIONS, eur("1"))),
                "entry-mixes-memo");
    }

    @Test
    void aCurrencyExchangeWithItsConversionPosts() {
        ledger.post(transfer("e1", BANK, DONATIONS, eur("100")));
        ledger.post(
                JournalEntry.converting(
                        "fx",
                        "fx",
                        DAY,
                        "buy dollars",
                        List.of(debit("1010", usd("100")), credit(BANK, eur("92"))),
                        List.of(new Conversion(eur("92"), usd("100")))));
        assertThat(ledger.balance(BANK)).isEqualTo(eur("8"));
        assertThat(ledger.balance("1010")).isEqualTo(usd("100"));
        assertThat(ledger.balances().trialBalance())
                .containsEntry(EUR, eur("0"))
                .containsEntry(USD, usd("0"));
        assertThat(ledger.balances().conversions())
                .containsEntry(EUR, eur("92"))
                .containsEntry(USD, usd("-100"));
        ledger.post(ledger.entry("fx").orElseThrow().reversal("fx-back", "fx-back", DAY));
        assertThat(ledger.balances().conversions()).isEmpty();
    }

    @Test
    void aReversalRestoresTheBalancesAndIsRecorded() {
        JournalEntry donation = transfer("e1", BANK, DONATIONS, eur("100"));
        ledger.post(donation);
        JournalEntry reversal = donation.reversal("e2", "k2", DAY.plusDays(1));
        ledger.post(reversal);
        assertThat(ledger.balance(BANK)).isEqualTo(eur("0"));
        assertThat(ledger.balance(DONATIONS)).isEqualTo(eur("0"));
        assertThat(ledger.reversalOf("e1")).contains("e2");
        assertThat(ledger.entries()).containsExactly(donation, reversal);
    }

    @Test
    void anEntryIsReversedOnceAndAReversalNever() {
        JournalEntry donation = transfer("e1", BANK, DONATIONS, eur("100"));
        ledger.post(donation);
        JournalEntry reversal = donation.reversal("e2", "k2", DAY);
        ledger.post(reversal);
        assertViolation(
                () -> ledger.post(donation.reversal("e3", "k3", DAY)), "entry-already-reversed");
        JournalEntry reversalOfReversal =
                new JournalEntry(
                        "e4", "k4", DAY, "undo the undo", donation.postings(), "e2", List.of());
        assertViolation(() -> ledger.post(reversalOfReversal), "reversal-of-reversal");
    }

    @Test
    void aReversalMustBeTheExactOpposite() {
        ledger.post(transfer("e1", BANK, DONATIONS, eur("100")));
        JournalEntry partial =
                new JournalEntry(
                        "e2",
                        "k2",
                        DAY,
                        "partial undo",
                        List.of(debit(DONATIONS, eur("60")), credit(BANK, eur("60"))),
                        "e1",
                        List.of());
        assertViolation(() -> ledger.post(partial), "reversal-not-opposite");
    }

    @Test
    void aReversalThatWouldOverdrawIsRefused() {
        JournalEntry donation = transfer("e1", BANK, DONATIONS, eur("100"));
        ledger.post(donation);
        ledger.post(transfer("e2", ADMINISTRATIVE_EXPENSES, BANK, eur("100")));
        assertViolation(
                () -> ledger.post(donation.reversal("e3", "k3", DAY)), "account-would-go-negative");
        assertThat(ledger.reversalOf("e1")).isEmpty();
    }

    @Test
    void subAccountsOpenOnDemandAndRollUp() {
        ledger.extendChart(
                ledger.chart().withGrantIncome("horizon", "p-7").withGrantIncome("life"));
        ledger.post(transfer("g1", BANK, grantIncomeCode("horizon", "p-7"), eur("1000")));
        ledger.post(transfer("g2", BANK, grantIncomeCode("life"), eur("500")));
        ledger.post(transfer("g3", BANK, GRANT_INCOME, eur("1")));
        assertThat(ledger.balances().total(GRANT_INCOME)).isEqualTo(eur("1501"));
        assertThat(ledger.balances().total(grantIncomeCode("horizon"))).isEqualTo(eur("1000"));
        assertThat(ledger.balances().balance(GRANT_INCOME)).isEqualTo(eur("1"));
    }

    @Test
    void theChartOnlyGrows() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ledger.extendChart(ChartOfAccounts.standard(EUR)));
    }

    @Test
    void replayingTheEntriesGivesTheSameLedger() {
        ledger.post(transfer("e1", MEMBER, FEE_INCOME, eur("100")));
        ledger.post(transfer("e2", BANK, MEMBER, eur("60")));
        Ledger replayed = Ledger.replay(ledger.chart(), ledger.entries());
        assertThat(replayed.balances()).isEqualTo(ledger.balances());
        assertThat(replayed.entries()).isEqualTo(ledger.entries());
    }

    @Test
    void violationCodesAreStableKebabCaseAndUnique() {
        List<String> codes =
                Arrays.stream(LedgerViolation.Reason.values())
                        .map(LedgerViolation.Reason::code)
                        .toList();
        assertThat(codes)
                .doesNotHaveDuplicates()
                .allMatch(code -> code.matches("[a-z]+(-[a-z]+)*"));
        assertThat(codes)
                .contains(
                        "entry-unbalanced",
                        "currency-mismatch",
                        "account-unknown",
                        "account-would-go-negative",
                        "idempotency-conflict",
                        "posting-amount-not-positive");
        LedgerViolation violation =
                new LedgerViolation(LedgerViolation.Reason.ENTRY_UNBALANCED, "why");
        assertThat(violation).isInstanceOf(IllegalArgumentException.class).hasMessage("why");
        assertThat(violation.reason()).isEqualTo(LedgerViolation.Reason.ENTRY_UNBALANCED);
    }
}
