package coop.cluster.finance.ledger.domain;

import static coop.cluster.finance.ledger.domain.Fixtures.DAY;
import static coop.cluster.finance.ledger.domain.Fixtures.EUR;
import static coop.cluster.finance.ledger.domain.Fixtures.USD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Property tests over random entries and random sequences of them, each run from a fixed seed so a
 * failure names the seed that reproduces it. (Stand-in for jqwik, which is not in the offline
 * repository.)
 */
class LedgerPropertiesTest {

    private static final int SEEDS = 200;
    private static final int STEPS = 60;

    /** The standard chart, some sub-accounts, and a dollar bank account with dollar donations. */
    static final ChartOfAccounts CHART =
            ChartOfAccounts.standard(EUR)
                    .withMemberReceivable("m1")
                    .withMemberReceivable("m2")
                    .withGrantIncome("horizon", "p1")
                    .withProjectBudget("p1")
                    .withProjectExpenses("p1")
                    .withAccount(Account.of("1010", "Bank (USD)", AccountType.ASSET, USD))
                    .withAccount(Account.of("4110", "Donations (USD)", AccountType.INCOME, USD));

    @Property(tries = SEEDS)
    void anyGeneratedBalancedEntryStaysBalanced(@ForAll long seed) {
        Generator generate = new Generator(seed);
        for (int step = 0; step < STEPS; step++) {
            JournalEntry entry = generate.entry();
            assertThat(netAfterConversions(entry))
                    .allSatisfy((currency, net) -> assertThat(net.signum()).isZero());
            JournalEntry reversal =
                    entry.reversal(entry.id() + "-r", entry.idempotencyKey() + "-r", DAY);
            assertThat(netAfterConversions(reversal))
                    .allSatisfy((currency, net) -> assertThat(net.signum()).isZero());
            assertThat(reversal.isOppositeOf(entry)).isTrue();

            List<Posting> nudged = new ArrayList<>(entry.postings());
            int index = generate.random.nextInt(nudged.size());
            Posting one = nudged.get(index);
            Money cent =
                    new Money(
                            BigDecimal.ONE.movePointLeft(
                                    one.amount().currency().getDefaultFractionDigits()),
                            one.amount().currency());
            nudged.set(index, new Posting(one.accountCode(), one.side(), one.amount().add(cent)));
            assertThatThrownBy(
                            () ->
                                    new JournalEntry(
                                            "x", "x", DAY, "d", nudged, null, entry.conversions()))
                    .isInstanceOfSatisfying(
                            LedgerViolation.class,
                            violation ->
                                    assertThat(violation.code()).isEqualTo("entry-unbalanced"));
            if (!entry.conversions().isEmpty()) {
                assertThatThrownBy(() -> JournalEntry.of("x", "x", DAY, "d", entry.postings()))
                        .isInstanceOfSatisfying(
                                LedgerViolation.class,
                                violation ->
                                        assertThat(violation.code())
                                                .isEqualTo("currency-mismatch"));
            }
        }
    }

    @Property(tries = SEEDS)
    void anEntryPlusItsReversalLeavesEveryBalanceUnchanged(@ForAll long seed) {
        Generator generate = new Generator(seed);
        Ledger ledger = generate.history(STEPS);
        int reversed = 0;
        for (int step = 0; step < STEPS; step++) {
            Balances before = ledger.balances();
            JournalEntry entry = generate.entry();
            if (tryPost(ledger, entry)) {
                ledger.post(entry.reversal(entry.id() + "-r", entry.idempotencyKey() + "-r", DAY));
                assertThat(ledger.balances()).isEqualTo(before);
                reversed++;
            }
        }
        assertThat(reversed).isPositive();
    }

    @Property(tries = SEEDS)
    void theTrialBalanceIsZeroAndNoForbiddenBalanceIsNegativeAfterAnySequence(@ForAll long seed) {
        Generator generate = new Generator(seed);
        Ledger ledger = Ledger.empty(CHART);
        for (int step = 0; step < STEPS * 2; step++) {
            tryPost(ledger, generate.attempt(ledger));
            Balances balances = ledger.balances();
            assertThat(balances.trialBalance())
                    .allSatisfy((currency, total) -> assertThat(total.isZero()).isTrue());
            assertThat(balances.memoTrialBalance())
                    .allSatisfy((currency, total) -> assertThat(total.isZero()).isTrue());
            assertThat(balances.accounts())
                    .allSatisfy(
                            balance ->
                                    assertThat(
                                                    balance.account().mayGoNegative()
                                                            || !balance.balance().isNegative())
                                            .isTrue());
            assertThat(independentTrialBalance(ledger.entries(), CHART))
                    .allSatisfy((currency, total) -> assertThat(total.signum()).isZero());
        }
    }

    @Property(tries = SEEDS)
    void replayingTheSameEntriesGivesTheSameBalancesEvenTwice(@ForAll long seed) {
        Generator generate = new Generator(seed);
        Ledger ledger = Ledger.empty(CHART);
        for (int step = 0; step < STEPS * 2; step++) {
            tryPost(ledger, generate.attempt(ledger));
        }
        Ledger replayed = Ledger.replay(CHART, ledger.entries());
        assertThat(replayed.balances()).isEqualTo(ledger.balances());
        assertThat(replayed.entries()).isEqualTo(ledger.entries());

        Ledger twice = Ledger.empty(CHART);
        for (JournalEntry entry : ledger.entries()) {
            assertThat(twice.post(entry).replayed()).isFalse();
            assertThat(twice.post(entry).replayed()).isTrue();
        }
        List<JournalEntry> again = new ArrayList<>(ledger.entries());
        Collections.shuffle(again, generate.random);
        again.forEach(entry -> assertThat(twice.post(entry).entry()).isSameAs(entry));
        assertThat(twice.balances()).isEqualTo(ledger.balances());
        assertThat(twice.entries()).isEqualTo(ledger.entries());
    }

    @Property(tries = SEEDS)
    void aRefusedEntryChangesNothing(@ForAll long seed) {
        Generator generate = new Generator(seed);
        Ledger ledger = Ledger.empty(CHART);
        int refused = 0;
        for (int step = 0; step < STEPS * 2; step++) {
            JournalEntry attempt = generate.attempt(ledger);
            Balances before = ledger.balances();
            List<JournalEntry> entriesBefore = ledger.entries();
            try {
                ledger.post(attempt);
            } catch (LedgerViolation violation) {
                refused++;
                assertThat(ledger.balances()).isEqualTo(before);
                assertThat(ledger.entries()).isEqualTo(entriesBefore);
                assertThat(ledger.entry(attempt.id()).filter(entry -> entry == attempt)).isEmpty();
            }
        }
        assertThat(refused).isPositive();
    }

    private static boolean tryPost(Ledger ledger, JournalEntry entry) {
        try {
            return !ledger.post(entry).replayed();
        } catch (LedgerViolation refused) {
            return false;
        }
    }

    /**
     * Debits minus credits per currency, counting each conversion as a debit of its from and a
     * credit of its to.
     */
    private static Map<Currency, BigDecimal> netAfterConversions(JournalEntry entry) {
        Map<Currency, BigDecimal> net = new HashMap<>();
        entry.postings()
                .forEach(
                        posting ->
                                net.merge(
                                        posting.amount().currency(),
                                        posting.signedAmount().amount(),
                                        BigDecimal::add));
        entry.conversions()
                .forEach(
                        conversion -> {
                            net.merge(
                                    conversion.from().currency(),
                                    conversion.from().amount(),
                                    BigDecimal::add);
                            net.merge(
                                    conversion.to().currency(),
                                    conversion.to().amount().negate(),
                                    BigDecimal::add);
                        });
        return net;
    }

    /** The trial balance recomputed from the entries alone, ignoring the ledger's own balances. */
    private static Map<Currency, BigDecimal> independentTrialBalance(
            List<JournalEntry> entries, ChartOfAccounts chart) {
        Map<Currency, BigDecimal> total = new HashMap<>();
        for (JournalEntry entry : entries) {
            netAfterConversions(entry)
                    .forEach((currency, net) -> total.merge(currency, net, BigDecimal::add));
            assertThat(entry.postings())
                    .allSatisfy(
                            posting ->
                                    assertThat(chart.get(posting.accountCode()).currency())
                                            .isEqualTo(posting.amount().currency()));
        }
        return total;
    }

    /**
     * Random entries over {@link #CHART}, valid by construction; and random attempts, some meant to
     * be refused.
     */
    static final class Generator {

        private static final List<String> EUR_ACCOUNTS =
                CHART.accounts().stream()
                        .filter(
                                account ->
                                        account.currency().equals(EUR)
                                                && account.type().inBalance())
                        .map(Account::code)
                        .toList();
        private static final List<String> DEBIT_NORMAL =
                CHART.accounts().stream()
                        .filter(
                                account ->
                                        account.currency().equals(EUR)
                                                && account.type().inBalance()
                                                && account.normalSide() == Side.DEBIT)
                        .map(Account::code)
                        .toList();
        private static final List<String> CREDIT_NORMAL =
                CHART.accounts().stream()
                        .filter(
                                account ->
                                        account.currency().equals(EUR)
                                                && account.type().inBalance()
                                                && account.normalSide() == Side.CREDIT)
                        .map(Account::code)
                        .toList();

        final Random random;
        private int next;

        Generator(long seed) {
            this.random = new Random(seed);
        }

        /** A ledger after {@code steps} random attempts, the refused ones dropped. */
        Ledger history(int steps) {
            Ledger ledger = Ledger.empty(CHART);
            for (int step = 0; step < steps; step++) {
                tryPost(ledger, attempt(ledger));
            }
            return ledger;
        }

        /** A valid entry: euro, memo, dollar or a currency exchange. */
        JournalEntry entry() {
            String id = "e" + next++;
            int kind = random.nextInt(10);
            if (kind < 6) {
                return euroEntry(id, kind < 3);
            }
            if (kind == 6) {
                Money value = euros(1, 5_000_00);
                return JournalEntry.of(
                        id,
                        id,
                        day(),
                        "in kind",
                        List.of(
                                Posting.debit(ChartOfAccounts.IN_KIND, value),
                                Posting.credit(ChartOfAccounts.IN_KIND_CONTRA, value)));
            }
            if (kind == 7) {
                Money value = dollars();
                boolean in = random.nextInt(4) > 0;
                return JournalEntry.of(
                        id,
                        id,
                        day(),
                        "dollar donation",
                        List.of(
                                new Posting("1010", in ? Side.DEBIT : Side.CREDIT, value),
                                new Posting("4110", in ? Side.CREDIT : Side.DEBIT, value)));
            }
            Money euros = euros(1, 50_000);
            Money dollars = dollars();
            if (random.nextBoolean()) {
                return JournalEntry.converting(
                        id,
                        id,
                        day(),
                        "buy dollars",
                        List.of(
                                Posting.debit("1010", dollars),
                                Posting.credit(ChartOfAccounts.BANK, euros)),
                        List.of(new Conversion(euros, dollars)));
            }
            return JournalEntry.converting(
                    id,
                    id,
                    day(),
                    "sell dollars",
                    List.of(
                            Posting.debit(ChartOfAccounts.BANK, euros),
                            Posting.credit("1010", dollars)),
                    List.of(new Conversion(dollars, euros)));
        }

        /**
         * A euro entry over 2 to 6 postings. A natural one only raises balances (debits to
         * debit-normal accounts, credits to credit-normal ones), so it is always accepted;
         * otherwise any accounts are drawn.
         */
        private JournalEntry euroEntry(String id, boolean natural) {
            List<String> pool = new ArrayList<>(EUR_ACCOUNTS);
            Collections.shuffle(pool, random);
            int debitCount = 1 + random.nextInt(3);
            int creditCount = 1 + random.nextInt(3);
            List<String> debited;
            List<String> credited;
            if (natural) {
                List<String> debitPool = new ArrayList<>(DEBIT_NORMAL);
                List<String> creditPool = new ArrayList<>(CREDIT_NORMAL);
                Collections.shuffle(debitPool, random);
                Collections.shuffle(creditPool, random);
                debited = debitPool.subList(0, Math.min(debitCount, debitPool.size()));
                credited = creditPool.subList(0, Math.min(creditCount, creditPool.size()));
            } else {
                debited = pool.subList(0, debitCount);
                credited = pool.subList(debitCount, debitCount + creditCount);
            }
            long total = 6 + random.nextLong(100_000_00);
            List<Posting> postings = new ArrayList<>();
            long[] debitParts = split(total, debited.size());
            for (int i = 0; i < debited.size(); i++) {
                postings.add(Posting.debit(debited.get(i), cents(debitParts[i])));
            }
            long[] creditParts = split(total, credited.size());
            for (int i = 0; i < credited.size(); i++) {
                postings.add(Posting.credit(credited.get(i), cents(creditParts[i])));
            }
            Collections.shuffle(postings, random);
            return JournalEntry.of(id, id, day(), "random entry", postings);
        }

        /**
         * An attempt at posting: mostly valid entries, sometimes reversals (proper or not),
         * retries, or entries that must be refused (unknown account, wrong currency, reused key,
         * overdraft).
         */
        JournalEntry attempt(Ledger ledger) {
            List<JournalEntry> posted = ledger.entries();
            int kind = random.nextInt(20);
            String id = "a" + next++;
            if (kind < 12 || posted.isEmpty()) {
                return entry();
            }
            JournalEntry earlier = posted.get(random.nextInt(posted.size()));
            return switch (kind) {
                case 12, 13 ->
                        earlier.isReversal()
                                ? new JournalEntry(
                                        id,
                                        id,
                                        DAY,
                                        "reverse a reversal",
                                        earlier.postings().stream().map(Posting::opposite).toList(),
                                        earlier.id(),
                                        earlier.conversions().stream()
                                                .map(Conversion::reversed)
                                                .toList())
                                : earlier.reversal(id, id, DAY);
                case 14 ->
                        new JournalEntry(
                                id,
                                earlier.idempotencyKey(),
                                earlier.effectiveDate(),
                                earlier.description(),
                                earlier.postings(),
                                earlier.reverses(),
                                earlier.conversions());
                case 15 ->
                        JournalEntry.of(
                                id,
                                earlier.idempotencyKey(),
                                DAY,
                                "different content",
                                List.of(
                                        Posting.debit(ChartOfAccounts.BANK, cents(1)),
                                        Posting.credit(ChartOfAccounts.DONATIONS, cents(1))));
                case 16 ->
                        JournalEntry.of(
                                id,
                                id,
                                DAY,
                                "unknown account",
                                List.of(
                                        Posting.debit("1999", cents(100)),
                                        Posting.credit(ChartOfAccounts.DONATIONS, cents(100))));
                case 17 ->
                        JournalEntry.of(
                                id,
                                id,
                                DAY,
                                "dollars to a euro account",
                                List.of(
                                        Posting.debit(
                                                ChartOfAccounts.BANK,
                                                new Money(BigDecimal.TEN, USD)),
                                        Posting.credit("4110", new Money(BigDecimal.TEN, USD))));
                default -> {
                    Money overdraw =
                            ledger.balance(ChartOfAccounts.BANK)
                                    .add(cents(1 + random.nextInt(100)));
                    yield JournalEntry.of(
                            id,
                            id,
                            DAY,
                            "overdraw the bank",
                            List.of(
                                    Posting.debit(
                                            ChartOfAccounts.ADMINISTRATIVE_EXPENSES, overdraw),
                                    Posting.credit(ChartOfAccounts.BANK, overdraw)));
                }
            };
        }

        /** {@code total} in {@code parts} positive parts. */
        private long[] split(long total, int parts) {
            long[] result = new long[parts];
            long left = total - parts;
            for (int i = 0; i < parts - 1; i++) {
                long extra = left == 0 ? 0 : random.nextLong(left + 1);
                result[i] = 1 + extra;
                left -= extra;
            }
            result[parts - 1] = 1 + left;
            return result;
        }

        private Money euros(long minCents, long maxCents) {
            return cents(minCents + random.nextLong(maxCents - minCents + 1));
        }

        private Money dollars() {
            return new Money(BigDecimal.valueOf(1 + random.nextLong(50_000), 2), USD);
        }

        private static Money cents(long cents) {
            return new Money(BigDecimal.valueOf(cents, 2), EUR);
        }

        private java.time.LocalDate day() {
            return DAY.plusDays(random.nextInt(365));
        }
    }
}
