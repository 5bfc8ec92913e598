package coop.cluster.finance.ledger.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The chain of period seals over a journal: which entries a closing seals, and the recomputation
 * that verifies every seal from the journal alone.
 *
 * <p>A closing at journal sequence {@code c} with period {@code from..to} seals every entry written
 * before it ({@code sequence < c}) dated after the previous closing's last day (for the first
 * closing: any date) and on or before {@code to}, in sequence order. Closings serialise with
 * postings through the journal's sequence, so once a closing is written no entry dated on or before
 * its {@code to} can follow it.
 */
public final class SealChain {

    /** The reasons a verification names. */
    public static final String PREVIOUS_HASH_MISMATCH = "previous-hash-mismatch";

    public static final String PERIOD_NOT_CONTIGUOUS = "period-not-contiguous";
    public static final String ENTRY_COUNT_MISMATCH = "entry-count-mismatch";
    public static final String SEAL_MISMATCH = "seal-mismatch";
    public static final String ENTRY_AFTER_CLOSING = "entry-dated-in-closed-period";
    public static final String ENTRY_UNREADABLE = "entry-unreadable";

    private SealChain() {}

    /**
     * A journal entry as the chain sees it.
     *
     * @param date the effective date, or {@code null} when the stored one cannot be read
     */
    public record Entry(long sequence, LocalDate date, CanonicalEntry canonical) {

        public Entry {
            Objects.requireNonNull(canonical, "canonical");
        }
    }

    /** A closing record of the journal, at its sequence, with the seal it stores. */
    public record Closing(long sequence, Seal seal) {

        public Closing {
            Objects.requireNonNull(seal, "seal");
        }
    }

    /**
     * Where the chain first disagrees with the journal.
     *
     * @param expectedHash the hash recomputed from the journal
     * @param storedHash the hash the closing stores
     * @param reason {@value #PREVIOUS_HASH_MISMATCH}, {@value #PERIOD_NOT_CONTIGUOUS}, {@value
     *     #ENTRY_COUNT_MISMATCH}, {@value #SEAL_MISMATCH}, {@value #ENTRY_AFTER_CLOSING} or {@value
     *     #ENTRY_UNREADABLE}
     * @param detail for people
     */
    public record Break(
            String periodId,
            String expectedHash,
            String storedHash,
            String reason,
            String detail) {}

    /** The outcome of a verification: {@code firstBreak} is empty exactly when {@code valid}. */
    public record Verification(boolean valid, int periodsChecked, Optional<Break> firstBreak) {}

    /**
     * Seals the next period: {@code journal} holds (at least) every entry written so far, in
     * sequence order; {@code previous} is the last closing, if any.
     *
     * @param namedFrom the first day of the named period (used as {@code from} for the first
     *     closing, unless an earlier entry is sealed)
     */
    public static Seal seal(
            Optional<Seal> previous,
            String periodId,
            LocalDate namedFrom,
            LocalDate to,
            List<Entry> journal) {
        LocalDate after = previous.map(Seal::to).orElse(null);
        List<CanonicalEntry> sealed = new ArrayList<>();
        LocalDate earliest = namedFrom;
        for (Entry entry : journal) {
            if (inScope(entry, after, to)) {
                sealed.add(entry.canonical());
                if (entry.date().isBefore(earliest)) {
                    earliest = entry.date();
                }
            }
        }
        LocalDate from = after != null ? after.plusDays(1) : earliest;
        return Seal.of(previous.map(Seal::hash).orElse(Seal.GENESIS), periodId, from, to, sealed);
    }

    private static boolean inScope(Entry entry, LocalDate after, LocalDate to) {
        return entry.date() != null
                && !entry.date().isAfter(to)
                && (after == null || entry.date().isAfter(after));
    }

    /**
     * Recomputes every seal from the journal's entries and closings (each in sequence order) and
     * reports the first period whose recomputed seal differs from the stored one. A period is
     * checked in order: its previous hash against the recomputed chain, that it starts the day
     * after the previous one, its entry count, then its hash. When every seal holds, an entry dated
     * in a closed period but written after that period's closing (possible only by writing to the
     * store directly) is reported at that period; then an entry whose date cannot be read.
     */
    public static Verification verify(List<Entry> entries, List<Closing> closings) {
        String previousHash = Seal.GENESIS;
        LocalDate previousTo = null;
        int checked = 0;
        for (Closing closing : closings) {
            checked++;
            Seal stored = closing.seal();
            List<CanonicalEntry> scope = new ArrayList<>();
            for (Entry entry : entries) {
                if (entry.sequence() < closing.sequence()
                        && inScope(entry, previousTo, stored.to())) {
                    scope.add(entry.canonical());
                }
            }
            String expected =
                    Seal.hash(previousHash, stored.periodId(), stored.from(), stored.to(), scope);
            Break found = null;
            if (!previousHash.equals(stored.previousHash())) {
                found =
                        new Break(
                                stored.periodId(),
                                expected,
                                stored.hash(),
                                PREVIOUS_HASH_MISMATCH,
                                "the closing "
                                        + "chains to "
                                        + stored.previousHash()
                                        + " but the previous seal recomputes to "
                                        + previousHash);
            } else if (previousTo != null && !stored.from().equals(previousTo.plusDays(1))) {
                found =
                        new Break(
                                stored.periodId(),
                                expected,
                                stored.hash(),
                                PERIOD_NOT_CONTIGUOUS,
                                "the period "
                                        + "starts on "
                                        + stored.from()
                                        + ", not the day after the previous closing ("
                                        + previousTo
                                        + ")");
            } else if (scope.size() != stored.entryCount()) {
                found =
                        new Break(
                                stored.periodId(),
                                expected,
                                stored.hash(),
                                ENTRY_COUNT_MISMATCH,
                                "the journal "
                                        + "holds "
                                        + scope.size()
                                        + " entries for the period; the seal counts "
                                        + stored.entryCount());
            } else if (!expected.equals(stored.hash())) {
                found =
                        new Break(
                                stored.periodId(),
                                expected,
                                stored.hash(),
                                SEAL_MISMATCH,
                                "the period's entries "
                                        + "or the seal differ from what was sealed");
            }
            if (found != null) {
                return new Verification(false, checked, Optional.of(found));
            }
            previousHash = expected;
            previousTo = stored.to();
        }
        for (Closing closing : closings) {
            Seal seal = closing.seal();
            for (Entry entry : entries) {
                if (entry.sequence() > closing.sequence()
                        && entry.date() != null
                        && !entry.date().isAfter(seal.to())) {
                    Seal dated = periodOf(entry.date(), closings).orElse(seal);
                    return new Verification(
                            false,
                            checked,
                            Optional.of(
                                    new Break(
                                            dated.periodId(),
                                            dated.hash(),
                                            dated.hash(),
                                            ENTRY_AFTER_CLOSING,
                                            "entry "
                                                    + entry.sequence()
                                                    + " is dated "
                                                    + entry.date()
                                                    + " but was written after the closing at"
                                                    + " sequence "
                                                    + closing.sequence())));
                }
            }
        }
        for (Entry entry : entries) {
            if (entry.date() == null) {
                return new Verification(
                        false,
                        checked,
                        Optional.of(
                                new Break(
                                        null,
                                        null,
                                        null,
                                        ENTRY_UNREADABLE,
                                        "entry " + entry.sequence() + " has no readable date")));
            }
        }
        return new Verification(true, checked, Optional.empty());
    }

    private static Optional<Seal> periodOf(LocalDate date, List<Closing> closings) {
        LocalDate after = null;
        for (Closing closing : closings) {
            Seal seal = closing.seal();
            if (!date.isAfter(seal.to()) && (after == null || date.isAfter(after))) {
                return Optional.of(seal);
            }
            after = seal.to();
        }
        return Optional.empty();
    }
}
