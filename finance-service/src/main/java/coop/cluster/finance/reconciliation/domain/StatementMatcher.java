package coop.cluster.finance.reconciliation.domain;

import coop.cluster.finance.ledger.domain.Money;
import java.math.BigDecimal;
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
 * Matches statement lines to the ledger's bank movements, deterministically: a line to one
 * movement, or a batched line to the movements that add up to it; a movement to one line at most.
 *
 * <p>A line and a movement can match when they have the same signed amount and currency and the
 * movement's date is within {@code windowDays} of the line's booking date. Each candidate pair gets
 * a {@link MatchBasis}. Pairs are then taken greedily in this order: the highest score first, then
 * the smallest date distance, then the lowest entry sequence, then the lowest line number; a pair
 * is taken when neither its line nor its movement is taken yet. So the result depends only on the
 * inputs, never on their order.
 *
 * <p><b>Batches.</b> A bank may book several transfers as one line (camt.053 {@code NtryDtls} with
 * several {@code TxDtls}, a "collective" booking). After the pairs with a reference, and before the
 * pairs by amount and date alone, each line still unmatched (lowest number first) is matched to a
 * set of two to {@value #MAX_BATCH} movements still free whose amounts add up to the line's
 * exactly, each of the line's sign, within the window and with a reference in the line's text
 * ({@link MatchBasis#ENTRY_ID}, {@link MatchBasis#IDEMPOTENCY_KEY} or {@link
 * MatchBasis#DESCRIPTION_REFERENCE}; by amount alone, a sum is too easily a coincidence). Of
 * several such sets, the one with the fewest movements, then the lowest sequences, is taken; at
 * most {@value #MAX_BATCH_CANDIDATES} candidates per line are tried (the strongest, then the
 * closest).
 */
public final class StatementMatcher {

    public static final int DEFAULT_WINDOW_DAYS = 3;
    private static final int MIN_KEY_LENGTH = 4;

    /** Longer than a year, so that "2026" in a description is no reference. */
    private static final int MIN_DESCRIPTION_REFERENCE_LENGTH = 5;

    /** The most movements one batched line is matched to. */
    public static final int MAX_BATCH = 12;

    /** The most candidates a batched line's sets are sought among. */
    public static final int MAX_BATCH_CANDIDATES = 12;

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

    /**
     * A line matched to a movement, or to several (a batch) whose amounts add up to the line's.
     *
     * @param parts the movements, by sequence, each with why it matched
     */
    public record Match(int line, List<Part> parts) {

        public Match {
            parts = List.copyOf(parts);
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("a match has a movement");
            }
        }

        public Match(int line, BankMovement movement, MatchBasis basis) {
            this(line, List.of(new Part(movement, basis)));
        }

        /** The movement, or the first (lowest sequence) of a batch. */
        public BankMovement movement() {
            return parts.getFirst().movement();
        }

        /** Why the movement matched, or the first of a batch. */
        public MatchBasis basis() {
            return parts.getFirst().basis();
        }

        /** Whether the line matched several movements. */
        public boolean batch() {
            return parts.size() > 1;
        }
    }

    /** One movement of a match, and why. */
    public record Part(BankMovement movement, MatchBasis basis) {}

    /** The matches by line number, and the movements no line took. */
    public record Result(Map<Integer, Match> byLine, List<BankMovement> unmatchedMovements) {

        public Optional<Match> forLine(int line) {
            return Optional.ofNullable(byLine.get(line));
        }
    }

    private record Candidate(
            StatementLine line, BankMovement movement, MatchBasis basis, long distance) {}

    public Result match(List<StatementLine> lines, List<BankMovement> movements) {
        List<Candidate> candidates = new ArrayList<>();
        for (StatementLine line : lines) {
            String text = line.searchableText().toLowerCase(Locale.ROOT);
            for (BankMovement movement : movements) {
                if (!movement.amount().equals(line.amount())) {
                    continue;
                }
                long distance =
                        Math.abs(ChronoUnit.DAYS.between(line.bookingDate(), movement.date()));
                if (distance > windowDays) {
                    continue;
                }
                candidates.add(new Candidate(line, movement, basis(text, movement), distance));
            }
        }
        candidates.sort(STRONGEST);
        Map<Integer, Match> byLine = new LinkedHashMap<>();
        Set<Long> taken = new HashSet<>();
        takePairs(candidates, true, byLine, taken);
        takeBatches(lines, movements, byLine, taken);
        takePairs(candidates, false, byLine, taken);
        List<BankMovement> unmatched =
                movements.stream()
                        .filter(m -> !taken.contains(m.sequence()))
                        .sorted(Comparator.comparingLong(BankMovement::sequence))
                        .toList();
        return new Result(Map.copyOf(byLine), unmatched);
    }

    private static final Comparator<Candidate> STRONGEST =
            Comparator.comparingInt((Candidate c) -> -c.basis().score())
                    .thenComparingLong(Candidate::distance)
                    .thenComparingLong(c -> c.movement().sequence())
                    .thenComparingInt(c -> c.line().number());

    /**
     * Takes the free pairs, in order: those with a reference, or those by amount and date alone.
     */
    private static void takePairs(
            List<Candidate> candidates,
            boolean withReference,
            Map<Integer, Match> byLine,
            Set<Long> taken) {
        for (Candidate candidate : candidates) {
            if ((candidate.basis() != MatchBasis.AMOUNT_AND_DATE) != withReference
                    || byLine.containsKey(candidate.line().number())
                    || taken.contains(candidate.movement().sequence())) {
                continue;
            }
            byLine.put(
                    candidate.line().number(),
                    new Match(candidate.line().number(), candidate.movement(), candidate.basis()));
            taken.add(candidate.movement().sequence());
        }
    }

    /**
     * Matches each line still free, lowest number first, to free movements that add up to it (see
     * above).
     */
    private void takeBatches(
            List<StatementLine> lines,
            List<BankMovement> movements,
            Map<Integer, Match> byLine,
            Set<Long> taken) {
        List<StatementLine> free =
                lines.stream()
                        .filter(line -> !byLine.containsKey(line.number()))
                        .sorted(Comparator.comparingInt(StatementLine::number))
                        .toList();
        for (StatementLine line : free) {
            if (line.amount().isZero()) {
                continue;
            }
            String text = line.searchableText().toLowerCase(Locale.ROOT);
            List<Candidate> referenced = new ArrayList<>();
            for (BankMovement movement : movements) {
                if (taken.contains(movement.sequence())
                        || !movement.amount().currency().equals(line.amount().currency())
                        || movement.amount().amount().signum() != line.amount().amount().signum()) {
                    continue;
                }
                long distance =
                        Math.abs(ChronoUnit.DAYS.between(line.bookingDate(), movement.date()));
                MatchBasis basis = basis(text, movement);
                if (distance <= windowDays && basis != MatchBasis.AMOUNT_AND_DATE) {
                    referenced.add(new Candidate(line, movement, basis, distance));
                }
            }
            if (referenced.size() < 2) {
                continue;
            }
            referenced.sort(STRONGEST);
            List<Candidate> tried =
                    new ArrayList<>(
                            referenced.subList(
                                    0, Math.min(referenced.size(), MAX_BATCH_CANDIDATES)));
            tried.sort(Comparator.comparingLong(c -> c.movement().sequence()));
            List<Candidate> batch = smallestSet(tried, line.amount());
            if (batch != null) {
                byLine.put(
                        line.number(),
                        new Match(
                                line.number(),
                                batch.stream()
                                        .map(c -> new Part(c.movement(), c.basis()))
                                        .toList()));
                batch.forEach(c -> taken.add(c.movement().sequence()));
            }
        }
    }

    /**
     * The set of two or more candidates (by sequence) adding up to {@code total}: fewest first,
     * then lowest.
     */
    private static List<Candidate> smallestSet(List<Candidate> candidates, Money total) {
        for (int size = 2; size <= Math.min(candidates.size(), MAX_BATCH); size++) {
            List<Candidate> found = setOf(candidates, size, 0, total.amount(), new ArrayList<>());
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static List<Candidate> setOf(
            List<Candidate> candidates,
            int size,
            int from,
            BigDecimal rest,
            List<Candidate> chosen) {
        if (chosen.size() == size) {
            return rest.signum() == 0 ? List.copyOf(chosen) : null;
        }
        for (int i = from; i <= candidates.size() - (size - chosen.size()); i++) {
            Candidate candidate = candidates.get(i);
            BigDecimal left = rest.subtract(candidate.movement().amount().amount());
            if (left.signum() != 0 && left.signum() != rest.signum()) {
                continue; // past the total: amounts all have its sign
            }
            chosen.add(candidate);
            List<Candidate> found = setOf(candidates, size, i + 1, left, chosen);
            chosen.removeLast();
            if (found != null) {
                return found;
            }
        }
        return null;
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
                        && reference.chars().anyMatch(Character::isDigit)
                        && contains(lowerText, reference)) {
                    return MatchBasis.DESCRIPTION_REFERENCE;
                }
            }
        }
        return MatchBasis.AMOUNT_AND_DATE;
    }

    private static boolean contains(String lowerText, String key) {
        return key != null
                && key.length() >= MIN_KEY_LENGTH
                && lowerText.contains(key.toLowerCase(Locale.ROOT));
    }

    /** Whether a date lies in the statement's period, both ends included. */
    public static boolean within(LocalDate date, LocalDate from, LocalDate to) {
        return !date.isBefore(from) && !date.isAfter(to);
    }
}
