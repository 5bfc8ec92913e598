package coop.cluster.finance.expense;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.finance.expense.domain.Expense;
import coop.cluster.finance.ledger.domain.AccountBalance;
import coop.cluster.finance.ledger.domain.Balances;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.ExpenseCategory;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Ledger;
import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Over random sequences of contributions and project expenses (approved from the balances of the
 * moment, paid when the bank can): the trial balance stays zero, no account goes negative, an
 * expense never releases more than it costs nor more than a partner holds, and each partner's funds
 * are what it gave less what was released.
 */
class ProjectSpendingPropertiesTest {

    private static final int STEPS = 60;
    private static final String PROJECT = "p-1";
    private static final List<String> PARTNERS = List.of("m-a", "m-b", "m-c");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final Instant NOW = Instant.parse("2026-03-14T10:00:00Z");

    @Property(tries = 200)
    void projectFundsAreNeverOverdrawnAndTheLedgerStaysBalanced(@ForAll long seed) {
        Random random = new Random(seed);
        Ledger ledger = Ledger.empty(ChartOfAccounts.standard(Currency.getInstance("EUR")));
        Map<String, BigDecimal> given = new HashMap<>();
        Map<String, BigDecimal> released = new HashMap<>();
        for (int step = 0; step < STEPS; step++) {
            String partner = PARTNERS.get(random.nextInt(PARTNERS.size()));
            Money amount =
                    Money.of(
                            BigDecimal.valueOf(1 + random.nextInt(20_000), 2),
                            Currency.getInstance("EUR"));
            if (random.nextInt(3) == 0) {
                ledger.post(
                        JournalEntry.of(
                                "c" + step,
                                "c" + step,
                                DAY,
                                "contribution",
                                List.of(
                                        Posting.debit(ChartOfAccounts.BANK, amount),
                                        Posting.credit(
                                                Expense.partnerFundsAccount(PROJECT, partner),
                                                amount))));
                given.merge(partner, amount.amount(), BigDecimal::add);
            } else {
                String forPartner = random.nextBoolean() ? partner : null;
                Expense submitted =
                        Expense.submitted(
                                "e" + step,
                                ExpenseCategory.PROJECT,
                                amount,
                                "R",
                                "P",
                                null,
                                "d",
                                PROJECT,
                                forPartner,
                                "alice",
                                NOW,
                                null);
                List<Expense.Release> plan = Expense.releases(amount, forPartner, held(ledger));
                Expense approved = submitted.approve("bob", NOW, DAY, plan, null);
                ledger.post(approved.approvalEntry());
                assertThat(approved.released().amount()).isLessThanOrEqualTo(amount.amount());
                plan.forEach(
                        release ->
                                released.merge(
                                        release.partnerId(),
                                        release.amount().amount(),
                                        BigDecimal::add));
                try {
                    ledger.post(
                            approved.approvalPosted(step)
                                    .pay("bob", NOW, DAY, null, null)
                                    .paymentEntry());
                } catch (LedgerViolation unpaid) {
                    assertThat(unpaid.code()).isEqualTo("account-would-go-negative");
                }
            }
            Balances balances = ledger.balances();
            assertThat(balances.trialBalance().values()).allMatch(Money::isZero);
            for (AccountBalance balance : balances.accounts()) {
                assertThat(balance.balance().isNegative() && !balance.account().mayGoNegative())
                        .as(balance.account().code())
                        .isFalse();
            }
            for (String each : PARTNERS) {
                BigDecimal expected =
                        given.getOrDefault(each, BigDecimal.ZERO)
                                .subtract(released.getOrDefault(each, BigDecimal.ZERO));
                assertThat(
                                held(ledger)
                                        .getOrDefault(each, Money.zero(Currency.getInstance("EUR")))
                                        .amount())
                        .isEqualByComparingTo(expected);
            }
        }
    }

    private static Map<String, Money> held(Ledger ledger) {
        Map<String, Money> held = new LinkedHashMap<>();
        String prefix = Expense.partnerFundsAccount(PROJECT, "");
        for (AccountBalance balance : ledger.balances().accounts()) {
            if (balance.account().code().startsWith(prefix)) {
                held.put(balance.account().code().substring(prefix.length()), balance.balance());
            }
        }
        return held;
    }
}
