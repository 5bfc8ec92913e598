package coop.cluster.finance.reconciliation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.finance.ledger.domain.Money;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StatementMatcherTest {

    private static final LocalDate MARCH_10 = LocalDate.of(2026, 3, 10);
    private final StatementMatcher matcher = new StatementMatcher(3);

    private static StatementLine line(int number, LocalDate date, String amount, String reference) {
        return new StatementLine(
                number, date, null, Money.of(amount, "EUR"), reference, null, null);
    }

    private static BankMovement movement(
            long sequence, LocalDate date, String amount, String description) {
        return new BankMovement(
                sequence,
                "entry-" + sequence,
                "key-" + sequence,
                description,
                date,
                Money.of(amount, "EUR"));
    }

    @Test
    void matchesTheSameSignedAmountWithinTheWindowOnly() {
        List<StatementLine> lines =
                List.of(
                        line(1, MARCH_10, "50.00", null),
                        line(2, MARCH_10, "-50.00", null),
                        line(3, MARCH_10, "70.00", null));
        List<BankMovement> movements =
                List.of(
                        movement(1, MARCH_10.plusDays(3), "50.00", "in"),
                        movement(2, MARCH_10.minusDays(3), "-50.00", "out"),
                        movement(3, MARCH_10.plusDays(4), "70.00", "late"),
                        movement(4, MARCH_10, "70.01", "a cent off"));

        StatementMatcher.Result result = matcher.match(lines, movements);

        assertThat(result.forLine(1))
                .hasValueSatisfying(m -> assertThat(m.movement().sequence()).isEqualTo(1));
        assertThat(result.forLine(2))
                .hasValueSatisfying(m -> assertThat(m.movement().sequence()).isEqualTo(2));
        assertThat(result.forLine(3)).as("4 days away, or a cent off").isEmpty();
        assertThat(result.unmatchedMovements())
                .extracting(BankMovement::sequence)
                .containsExactly(3L, 4L);
        assertThat(result.forLine(1).orElseThrow().basis()).isEqualTo(MatchBasis.AMOUNT_AND_DATE);
    }

    @Test
    void aWiderOrNarrowerWindowIsConfigurable() {
        List<StatementLine> lines = List.of(line(1, MARCH_10, "70.00", null));
        List<BankMovement> movements = List.of(movement(1, MARCH_10.plusDays(4), "70.00", "late"));

        assertThat(new StatementMatcher(4).match(lines, movements).forLine(1)).isPresent();
        assertThat(new StatementMatcher(0).match(lines, movements).forLine(1)).isEmpty();
    }

    @Test
    void aReferenceBeatsACloserDate() {
        List<StatementLine> lines =
                List.of(line(1, MARCH_10, "25.00", "Paiement facture INV-2026-042"));
        List<BankMovement> movements =
                List.of(
                        movement(1, MARCH_10, "25.00", "Fee paid"),
                        movement(
                                2,
                                MARCH_10.plusDays(2),
                                "25.00",
                                "Fee paid for invoice INV-2026-042."));

        StatementMatcher.Match match = matcher.match(lines, movements).forLine(1).orElseThrow();

        assertThat(match.movement().sequence()).isEqualTo(2);
        assertThat(match.basis()).isEqualTo(MatchBasis.DESCRIPTION_REFERENCE);
    }

    @Test
    void theEntryIdBeatsTheIdempotencyKeyWhichBeatsADescriptionReference() {
        BankMovement byDescription = movement(1, MARCH_10, "10.00", "ref R-9999");
        BankMovement byKey =
                new BankMovement(
                        2,
                        "entry-2",
                        "fee-invoice:INV-7",
                        "Fee",
                        MARCH_10,
                        Money.of("10.00", "EUR"));
        BankMovement byId =
                new BankMovement(
                        3,
                        "3f1c2a4e-0000-4000-8000-000000000003",
                        "k-3",
                        "Fee",
                        MARCH_10.plusDays(1),
                        Money.of("10.00", "EUR"));
        List<StatementLine> lines =
                List.of(
                        line(
                                1,
                                MARCH_10,
                                "10.00",
                                "R-9999 fee-invoice:INV-7 3F1C2A4E-0000-4000-8000-000000000003"),
                        line(2, MARCH_10, "10.00", "R-9999 FEE-INVOICE:inv-7"),
                        line(3, MARCH_10, "10.00", "r-9999"));

        StatementMatcher.Result result = matcher.match(lines, List.of(byDescription, byKey, byId));

        assertThat(result.forLine(1).orElseThrow().movement()).isEqualTo(byId);
        assertThat(result.forLine(1).orElseThrow().basis()).isEqualTo(MatchBasis.ENTRY_ID);
        assertThat(result.forLine(2).orElseThrow().movement()).isEqualTo(byKey);
        assertThat(result.forLine(2).orElseThrow().basis()).isEqualTo(MatchBasis.IDEMPOTENCY_KEY);
        assertThat(result.forLine(3).orElseThrow().movement()).isEqualTo(byDescription);
        assertThat(result.forLine(3).orElseThrow().basis())
                .isEqualTo(MatchBasis.DESCRIPTION_REFERENCE);
    }

    @Test
    void eachEntryMatchesOneLineAtMost() {
        List<StatementLine> lines =
                List.of(
                        line(1, MARCH_10, "30.00", null),
                        line(2, MARCH_10, "30.00", null),
                        line(3, MARCH_10, "30.00", null));
        List<BankMovement> movements =
                List.of(movement(7, MARCH_10, "30.00", "a"), movement(8, MARCH_10, "30.00", "b"));

        StatementMatcher.Result result = matcher.match(lines, movements);

        assertThat(result.byLine()).hasSize(2);
        assertThat(result.forLine(1).orElseThrow().movement().sequence())
                .as("lowest sequence, lowest line")
                .isEqualTo(7);
        assertThat(result.forLine(2).orElseThrow().movement().sequence()).isEqualTo(8);
        assertThat(result.forLine(3)).isEmpty();
        assertThat(result.unmatchedMovements()).isEmpty();
    }

    @Test
    void tiesGoToTheClosestDateThenTheLowestSequence() {
        List<StatementLine> lines = List.of(line(1, MARCH_10, "30.00", null));

        assertThat(
                        matcher.match(
                                        lines,
                                        List.of(
                                                movement(1, MARCH_10.minusDays(2), "30.00", "a"),
                                                movement(2, MARCH_10.plusDays(1), "30.00", "b")))
                                .forLine(1)
                                .orElseThrow()
                                .movement()
                                .sequence())
                .isEqualTo(2);
        assertThat(
                        matcher.match(
                                        lines,
                                        List.of(
                                                movement(5, MARCH_10.plusDays(1), "30.00", "a"),
                                                movement(4, MARCH_10.minusDays(1), "30.00", "b")))
                                .forLine(1)
                                .orElseThrow()
                                .movement()
                                .sequence())
                .isEqualTo(4);
    }

    @Test
    void aStrongMatchElsewhereFreesTheWeakCandidateForAnotherLine() {
        List<StatementLine> lines =
                List.of(
                        line(1, MARCH_10, "30.00", null),
                        line(2, MARCH_10.plusDays(2), "30.00", "INV-555"));
        List<BankMovement> movements =
                List.of(
                        movement(1, MARCH_10, "30.00", "invoice INV-555"),
                        movement(2, MARCH_10.plusDays(1), "30.00", "other"));

        StatementMatcher.Result result = matcher.match(lines, movements);

        assertThat(result.forLine(2).orElseThrow().movement().sequence()).isEqualTo(1);
        assertThat(result.forLine(1).orElseThrow().movement().sequence()).isEqualTo(2);
    }

    @Test
    void theResultDoesNotDependOnTheOrderOfTheInputs() {
        List<StatementLine> lines = new ArrayList<>();
        List<BankMovement> movements = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            lines.add(
                    line(
                            i,
                            MARCH_10.plusDays(i % 5),
                            i % 3 == 0 ? "10.00" : "20.00",
                            i % 4 == 0 ? "REF-" + i : null));
            movements.add(
                    movement(
                            100 + i,
                            MARCH_10.plusDays(i % 7),
                            i % 2 == 0 ? "10.00" : "20.00",
                            "payment REF-" + (i + 1)));
        }
        StatementMatcher.Result expected = matcher.match(lines, movements);
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            List<StatementLine> shuffledLines = new ArrayList<>(lines);
            List<BankMovement> shuffledMovements = new ArrayList<>(movements);
            Collections.shuffle(shuffledLines, random);
            Collections.shuffle(shuffledMovements, random);

            assertThat(matcher.match(shuffledLines, shuffledMovements)).isEqualTo(expected);
        }
    }

    @Test
    void aBatchedLineMatchesTheReferencedEntriesThatAddUpToIt() {
        List<StatementLine> lines =
                List.of(
                        line(
                                1,
                                MARCH_10,
                                "3483.00",
                                "DK-2026-1009-77 090933755493 Bijdrage project Samen factuur"
                                        + " FAC-2026-0157"));
        List<BankMovement> movements =
                List.of(
                        movement(
                                11,
                                MARCH_10.minusDays(2),
                                "2187.00",
                                "Contribution, communication 090933755493"),
                        movement(
                                12,
                                MARCH_10.minusDays(1),
                                "1296.00",
                                "Contribution, invoice FAC-2026-0157"),
                        movement(13, MARCH_10, "1296.00", "Another contribution"));

        StatementMatcher.Match match = matcher.match(lines, movements).forLine(1).orElseThrow();

        assertThat(match.batch()).isTrue();
        assertThat(match.parts())
                .extracting(part -> part.movement().sequence())
                .containsExactly(11L, 12L);
        assertThat(match.parts())
                .extracting(StatementMatcher.Part::basis)
                .containsOnly(MatchBasis.DESCRIPTION_REFERENCE);
        assertThat(matcher.match(lines, movements).unmatchedMovements())
                .extracting(BankMovement::sequence)
                .containsExactly(13L);
    }

    @Test
    void aBatchNeedsAReferenceForEachEntryAnExactSumAndTheWindow() {
        StatementLine batch = line(1, MARCH_10, "300.00", "INV-00101 INV-00102");
        BankMovement first = movement(1, MARCH_10, "100.00", "invoice INV-00101");
        BankMovement second = movement(2, MARCH_10, "200.00", "invoice INV-00102");

        assertThat(matcher.match(List.of(batch), List.of(first, second)).forLine(1)).isPresent();
        assertThat(
                        matcher.match(
                                        List.of(batch),
                                        List.of(
                                                first,
                                                movement(2, MARCH_10, "200.00", "no reference")))
                                .forLine(1))
                .as("by amount alone a sum is a coincidence")
                .isEmpty();
        assertThat(
                        matcher.match(
                                        List.of(batch),
                                        List.of(
                                                first,
                                                movement(2, MARCH_10, "200.01", "INV-00102")))
                                .forLine(1))
                .isEmpty();
        assertThat(
                        matcher.match(
                                        List.of(batch),
                                        List.of(
                                                first,
                                                movement(
                                                        2,
                                                        MARCH_10.plusDays(4),
                                                        "200.00",
                                                        "INV-00102")))
                                .forLine(1))
                .isEmpty();
        assertThat(
                        matcher.match(
                                        List.of(
                                                line(
                                                        1,
                                                        MARCH_10,
                                                        "-300.00",
                                                        "INV-00101 INV-00102")),
                                        List.of(first, second))
                                .forLine(1))
                .as("of the line's sign")
                .isEmpty();
    }

    @Test
    void theFewestEntriesAddingUpWinAndAReferencedPairBeatsABatch() {
        StatementLine batch = line(1, MARCH_10, "300.00", "R-10001 R-10002 R-10003 R-10004");
        List<BankMovement> movements =
                List.of(
                        movement(1, MARCH_10, "100.00", "R-10001"),
                        movement(2, MARCH_10, "100.00", "R-10002"),
                        movement(3, MARCH_10, "100.00", "R-10003"),
                        movement(4, MARCH_10, "200.00", "R-10004"));

        StatementMatcher.Match match =
                matcher.match(List.of(batch), movements).forLine(1).orElseThrow();

        assertThat(match.parts())
                .extracting(part -> part.movement().sequence())
                .containsExactly(1L, 4L);
        StatementLine single = line(2, MARCH_10, "300.00", "R-10005");
        StatementMatcher.Match pair =
                matcher.match(
                                List.of(single),
                                List.of(
                                        movement(5, MARCH_10, "300.00", "R-10005"),
                                        movement(6, MARCH_10, "100.00", "R-10005 a"),
                                        movement(7, MARCH_10, "200.00", "R-10005 b")))
                        .forLine(2)
                        .orElseThrow();
        assertThat(pair.batch()).isFalse();
        assertThat(pair.movement().sequence()).isEqualTo(5);
    }

    @Test
    void shortKeysAndWordsWithoutDigitsAreNoReference() {
        BankMovement movement =
                new BankMovement(
                        1, "e1", "k1", "Donation from a friend", MARCH_10, Money.of("5.00", "EUR"));

        assertThat(StatementMatcher.basis("donation e1 k1 friend", movement))
                .isEqualTo(MatchBasis.AMOUNT_AND_DATE);
    }
}
