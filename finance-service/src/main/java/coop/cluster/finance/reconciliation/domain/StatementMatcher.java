package coop.cluster.finance.reconciliation.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Matches statement lines to the ledger's bank movements, one to one and deterministically.
 *
 * <p>A line and a movement can match when they have the same signed amount and currency and the movement's date is
 * within {@code windowDays} of the line's booking date. Each candidate pair gets a {@link MatchBasis}. Pairs are
 * then taken greedily in this order: the highest score first, then the smallest date distance, then the lowest
 * entry sequence, then the lowest line number; a pair is taken when neither its line nor its movement is taken
 * yet. So the result depends only on the inputs, never on their order.
 */
public final class StatementMatcher {

    public static final int DEFAULT_WINDOW_DAYS = 3;
    private static final int MIN_KEY_LENGTH = 4;
    /** Longer than a year, so that "2026" in a description is no reference. */
    private static final int MIN_DESCRIPTION_REFERENCE_LENGTH = 5;

    private final int windowDays;

    public StatementMatcher(int windowDays) {
        if (windowDays < 0) {
            throw new IllegalArgumentException("the window cannot be negative");
        }
        this.windowDays = windowDays;
    }

    public int windowDays() {
        return windowDays;
    }

    /** A line matched to a movement. */
    public record Match(int line, BankMovement movement, MatchBasis basis) {
    }

    /** The matches by line number, and the movements no line took. */
    public record Result(Map<Integer, Match> byLine, List<BankMovement> unmatchedMovements) {

        public Optional<Match> forLine(int line) {
            return Optional.ofNullable(byLine.get(line));
        }
    }

    private record Candidate(StatementLine line, BankMovement movement, MatchBasis basis, long distance) {
    }

    public Result match(List<StatementLine> lines, List<BankMovement> movements) {
        List<Candidate> candidates = new ArrayList<>();
        for (StatementLine line : lines) {
            String text = line.searchableText().toLowerCase(Locale.ROOT);
            for (BankMovement movement : movements) {
                if (!movement.amount().equals(line.amount())) {
                    continue;
                }
                long distance = Math.abs(ChronoUnit.DAYS.between(line.bookingDate(), movement.date()));
                if (distance > windowDays) {
                    continue;
                }
                candidates.add(new Candidate(line, movement, basis(text, movement), distance));
            }
        }
        candidates.sort(Comparator.comparingInt((Candidate c) -> -c.basis().score())
                .thenComparingLong(Candidate::distance)
                .thenComparingLong(c -> c.movement().sequence())
                .thenComparingInt(c -> c.line().number()));
        Map<Integer, Match> byLine = new LinkedHashMap<>();
        Set<Long> taken = new HashSet<>();
        for (Candidate candidate : candidates) {
            if (byLine.containsKey(candidate.line().number()) || taken.contains(candidate.movement().sequence())) {
                continue;
            }
            byLine.put(candidate.line().number(),
                    new Match(candidate.line().number(), candidate.movement(), candidate.basis()));
            taken.add(candidate.movement().sequence());
        }
        List<BankMovement> unmatched = movements.stream().filter(m -> !taken.contains(m.sequence()))
                .sorted(Comparator.comparingLong(BankMovement::sequence)).toList();
        return new Result(Map.copyOf(byLine), unmatched);
    }

    static MatchBasis basis(String lowerText, BankMovement movement) {
        if (contains(lowerText, movement.entryId())) {
            return MatchBasis.ENTRY_ID;
        }
        if (contains(lowerText, movement.idempotencyKey())) {
            return MatchBasis.IDEMPOTENCY_KEY;
        }
        if (movement.description() != null) {
            for (String word : movement.description().split("[\\s,;()\\[\\]\"']+")) {
                String reference = word.replaceAll("^[.:/-]+|[.:/-]+$", "");
                if (reference.length() >= MIN_DESCRIPTION_REFERENCE_LENGTH
                        && reference.chars().anyMatch(Character::isDigit) && contains(lowerText, reference)) {
                    return MatchBasis.DESCRIPTION_REFERENCE;
                }
            }
        }
        return MatchBasis.AMOUNT_AND_DATE;
    }

    private static boolean contains(String lowerText, String key) {
        return key != null && key.length() >= MIN_KEY_LENGTH
                && lowerText.contains(key.toLowerCase(Locale.ROOT));
    }

    /** Whether a date lies in the statement's period, both ends included. */
    public static boolean within(LocalDate date, LocalDate from, LocalDate to) {
        return !date.isBefore(from) && !date.isAfter(to);
    }
}
