package coop.cluster.finance.ledger.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Properties of periods and seals over random sequences of postings and closings, each from a seed:
 * the chain verifies; an entry dated in a closed period is always refused and changes nothing;
 * altering any sealed entry (amount, account, date, description), removing it, or altering a seal
 * breaks the verification at exactly that period.
 */
class SealChainPropertiesTest {

    private static final int SEEDS = 200;
    private static final int STEPS = 80;
    private static final LocalDate START = LocalDate.of(2026, 1, 1);
    private static final ChartOfAccounts CHART = ChartOfAccounts.standard(Fixtures.EUR);
    private static final List<String> DEBITS =
            List.of(ChartOfAccounts.BANK, ChartOfAccounts.ADMINISTRATIVE_EXPENSES);
    private static final List<String> CREDITS =
            List.of(ChartOfAccounts.DONATIONS, ChartOfAccounts.FEE_INCOME);

    @Property(tries = SEEDS)
    void theChainVerifiesAndEntriesIntoClosedPeriodsAreRefusedChangingNothing(@ForAll long seed) {
        History history = History.generate(seed);

        assertThat(SealChain.verify(history.entries, history.closings))
                .isEqualTo(
                        new SealChain.Verification(
                                true, history.closings.size(), Optional.empty()));
        assertThat(history.refusedInClosedPeriods)
                .as("some postings hit a closed period")
                .isPositive();
    }

    @Property(tries = SEEDS)
    void alteringASealedEntryBreaksTheChainAtExactlyItsPeriod(@ForAll long seed) {
        History history = History.generate(seed);
        Random random = new Random(seed ^ 0x5EA1L);
        List<SealChain.Entry> sealed = history.sealedEntries();
        if (sealed.isEmpty()) {
            return;
        }
        SealChain.Entry victim = sealed.get(random.nextInt(sealed.size()));
        Seal period = history.periodOf(victim.date());
        CanonicalEntry before = victim.canonical();
        int field = random.nextInt(5);
        SealChain.Entry altered =
                switch (field) {
                    case 0 ->
                            with(
                                    victim,
                                    victim.date(),
                                    new CanonicalEntry(
                                            before.sequence(),
                                            before.entryId(),
                                            before.idempotencyKey(),
                                            before.date(),
                                            before.description(),
                                            List.of(
                                                    line(before.postings().get(0), null, "0.01"),
                                                    before.postings().get(1)),
                                            before.reverses(),
                                            before.conversions()));
                    case 1 ->
                            with(
                                    victim,
                                    victim.date(),
                                    new CanonicalEntry(
                                            before.sequence(),
                                            before.entryId(),
                                            before.idempotencyKey(),
                                            before.date(),
                                            before.description(),
                                            List.of(
                                                    line(
                                                            before.postings().get(0),
                                                            ChartOfAccounts.LEGAL_EXPENSES,
                                                            null),
                                                    before.postings().get(1)),
                                            before.reverses(),
                                            before.conversions()));
                    case 2 -> {
                        LocalDate moved = otherDay(victim.date(), period, random);
                        yield with(
                                victim,
                                moved,
                                new CanonicalEntry(
                                        before.sequence(),
                                        before.entryId(),
                                        before.idempotencyKey(),
                                        moved.toString(),
                                        before.description(),
                                        before.postings(),
                                        before.reverses(),
                                        before.conversions()));
                    }
                    case 3 ->
                            with(
                                    victim,
                                    victim.date(),
                                    new CanonicalEntry(
                                            before.sequence(),
                                            before.entryId(),
                                            before.idempotencyKey(),
                                            before.date(),
                                            before.description() + " (edited)",
                                            before.postings(),
                                            before.reverses(),
                                            before.conversions()));
                    default -> null; // removed
                };
        List<SealChain.Entry> tampered = new ArrayList<>(history.entries);
        int index = tampered.indexOf(victim);
        if (altered == null) {
            tampered.remove(index);
        } else {
            tampered.set(index, altered);
        }

        SealChain.Verification verification = SealChain.verify(tampered, history.closings);

        assertThat(verification.valid()).isFalse();
        assertThat(verification.firstBreak())
                .hasValueSatisfying(
                        broken -> {
                            assertThat(broken.periodId())
                                    .as("field %d of entry %d", field, victim.sequence())
                                    .isEqualTo(period.periodId());
                            assertThat(broken.storedHash()).isEqualTo(period.hash());
                            assertThat(broken.expectedHash()).isNotEqualTo(period.hash());
                        });
        assertThat(verification.periodsChecked())
                .isEqualTo(history.closings.indexOf(history.closingOf(period)) + 1);
    }

    @Property(tries = SEEDS)
    void alteringOrRemovingASealBreaksTheChainAtThatPeriodOrTheNext(@ForAll long seed) {
        History history = History.generate(seed);
        Random random = new Random(seed ^ 0xC105EL);
        int index = random.nextInt(history.closings.size());
        SealChain.Closing closing = history.closings.get(index);
        Seal seal = closing.seal();
        List<SealChain.Closing> tampered = new ArrayList<>(history.closings);
        String expectedPeriod = seal.periodId();
        if (random.nextBoolean()) {
            int digit = random.nextInt(64);
            char flipped = seal.hash().charAt(digit) == '0' ? '1' : '0';
            String other =
                    seal.hash().substring(0, digit) + flipped + seal.hash().substring(digit + 1);
            tampered.set(
                    index,
                    new SealChain.Closing(
                            closing.sequence(),
                            new Seal(
                                    seal.periodId(),
                                    seal.from(),
                                    seal.to(),
                                    seal.previousHash(),
                                    other,
                                    seal.entryCount(),
                                    seal.firstSequence(),
                                    seal.lastSequence())));
        } else {
            tampered.remove(index);
            if (index == tampered.size()) {
                return; // the last seal removed: the chain before it still holds
            }
            expectedPeriod = tampered.get(index).seal().periodId();
        }

        SealChain.Verification verification = SealChain.verify(history.entries, tampered);

        assertThat(verification.firstBreak())
                .map(SealChain.Break::periodId)
                .contains(expectedPeriod);
    }

    private static SealChain.Entry with(
            SealChain.Entry entry, LocalDate date, CanonicalEntry canonical) {
        return new SealChain.Entry(entry.sequence(), date, canonical);
    }

    private static CanonicalEntry.PostingLine line(
            CanonicalEntry.PostingLine line, String account, String plus) {
        return new CanonicalEntry.PostingLine(
                account == null ? line.account() : account,
                line.side(),
                plus == null
                        ? line.amount()
                        : new BigDecimal(line.amount()).add(new BigDecimal(plus)).toPlainString(),
                line.currency());
    }

    /** Another day of the same period. */
    private static LocalDate otherDay(LocalDate date, Seal period, Random random) {
        long days = period.to().toEpochDay() - period.from().toEpochDay();
        LocalDate moved = period.from().plusDays(random.nextLong(days + 1));
        return moved.equals(date)
                ? (date.equals(period.to()) ? date.minusDays(1) : date.plusDays(1))
                : moved;
    }

    /**
     * A journal built by posting and closing at random, through the domain's rules, as the ledger
     * service does.
     */
    static final class History {

        final List<SealChain.Entry> entries = new ArrayList<>();
        final List<SealChain.Closing> closings = new ArrayList<>();
        int refusedInClosedPeriods;

        static History generate(long seed) {
            History history = new History();
            Random random = new Random(seed);
            Ledger ledger = Ledger.empty(CHART);
            long sequence = 0;
            YearMonth nextToClose = YearMonth.from(START);
            for (int step = 0; step < STEPS; step++) {
                // a closing by chance, always one halfway if none came yet, and the last step;
                // never the step before
                // the last, which posts into a closed period if no posting has yet (a seed closing
                // nothing until the
                // end once gave no refusal to check)
                boolean closing =
                        (random.nextInt(8) == 0 && step != STEPS - 2)
                                || step == STEPS - 1
                                || (step == STEPS / 2 && history.closings.isEmpty());
                if (closing) {
                    boolean quarter = nextToClose.getMonthValue() % 3 == 1 && random.nextBoolean();
                    YearMonth last = quarter ? nextToClose.plusMonths(2) : nextToClose;
                    String id =
                            quarter
                                    ? last.getYear() + "-Q" + (last.getMonthValue() / 3)
                                    : last.toString();
                    Seal previous =
                            history.closings.isEmpty() ? null : history.closings.getLast().seal();
                    Seal seal =
                            SealChain.seal(
                                    Optional.ofNullable(previous),
                                    id,
                                    nextToClose.atDay(1),
                                    last.atEndOfMonth(),
                                    history.entries);
                    ledger.closeThrough(last.atEndOfMonth());
                    history.closings.add(new SealChain.Closing(++sequence, seal));
                    nextToClose = last.plusMonths(1);
                    continue;
                }
                LocalDate date =
                        step == STEPS - 2 && history.refusedInClosedPeriods == 0
                                ? ledger.closedThrough().orElseThrow()
                                : START.minusDays(20).plusDays(random.nextInt(400));
                long cents = 1 + random.nextLong(1_000_000);
                Money amount = new Money(BigDecimal.valueOf(cents, 2), Fixtures.EUR);
                String id = "e" + step;
                JournalEntry entry =
                        JournalEntry.of(
                                id,
                                "key-" + id,
                                date,
                                "entry " + id + " \"quoted\" é\n",
                                List.of(
                                        Posting.debit(DEBITS.get(random.nextInt(2)), amount),
                                        Posting.credit(CREDITS.get(random.nextInt(2)), amount)));
                boolean closed =
                        ledger.closedThrough().map(through -> !date.isAfter(through)).orElse(false);
                Balances before = ledger.balances();
                List<JournalEntry> entriesBefore = ledger.entries();
                try {
                    ledger.post(entry);
                    assertThat(closed)
                            .as(
                                    "an entry dated %s was accepted after a closing through %s",
                                    date, ledger.closedThrough())
                            .isFalse();
                    long at = ++sequence;
                    history.entries.add(
                            new SealChain.Entry(at, date, CanonicalEntry.of(at, entry)));
                } catch (LedgerViolation refused) {
                    assertThat(refused.code()).isEqualTo("period-closed");
                    assertThat(closed).isTrue();
                    assertThat(ledger.balances()).isEqualTo(before);
                    assertThat(ledger.entries()).isEqualTo(entriesBefore);
                    history.refusedInClosedPeriods++;
                }
            }
            return history;
        }

        /** The entries some closing seals. */
        List<SealChain.Entry> sealedEntries() {
            LocalDate through = closings.getLast().seal().to();
            return entries.stream().filter(entry -> !entry.date().isAfter(through)).toList();
        }

        Seal periodOf(LocalDate date) {
            return closings.stream()
                    .map(SealChain.Closing::seal)
                    .filter(seal -> !date.isAfter(seal.to()))
                    .findFirst()
                    .orElseThrow();
        }

        SealChain.Closing closingOf(Seal seal) {
            return closings.stream()
                    .filter(closing -> closing.seal().equals(seal))
                    .findFirst()
                    .orElseThrow();
        }
    }
}
