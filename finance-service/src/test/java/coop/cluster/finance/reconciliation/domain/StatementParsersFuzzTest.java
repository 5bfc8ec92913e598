package coop.cluster.finance.reconciliation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Real-world mess never escapes as anything but a {@link StatementProblem} (which the web layer
 * answers with a 4xx): mangled copies of good files, and random text, for both parsers.
 */
class StatementParsersFuzzTest {

    private static final String CSV =
            """
            date;montant;devise;libellé;contrepartie;id transaction
            02/05/2026;1 234,56;EUR;"Subvention; avance";Région;TX-1
            04/05/2026;-1.000,00;EUR;Loyer mai;SCI Les Tilleuls;TX-2
            """;
    private static final String CSV_ALPHABET = "0123456789,;.-+\"\n\r /:EURabcdé\u00A0\t";
    private static final byte[] CAMT_02 = Camt053ParserTest.resource("camt053-v02-march-2026.xml");
    private static final byte[] CAMT_08 = Camt053ParserTest.resource("camt053-v08-april-2026.xml");

    @Property(tries = 300)
    void aMangledCsvIsReadOrRefusedWithAProblem(@ForAll long seed) {
        Random random = new Random(seed);
        String text =
                random.nextInt(4) == 0
                        ? randomText(random, CSV_ALPHABET, 200)
                        : mangle(CSV, random);
        BigDecimal closing = random.nextBoolean() ? new BigDecimal("234.56") : null;

        assertReadOrRefused(
                () ->
                        new CsvStatementParser()
                                .parse(
                                        text.getBytes(StandardCharsets.UTF_8),
                                        null,
                                        new CsvStatementParser.Options(
                                                null,
                                                null,
                                                random.nextBoolean() ? BigDecimal.ZERO : null,
                                                closing,
                                                null)));
    }

    @Property(tries = 300)
    void aMangledCamtIsReadOrRefusedWithAProblem(@ForAll long seed) {
        Random random = new Random(seed);
        String good = new String(random.nextBoolean() ? CAMT_02 : CAMT_08, StandardCharsets.UTF_8);
        String text = mangle(good, random);

        assertReadOrRefused(() -> new Camt053Parser().parse(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Deletes, duplicates or replaces a few random stretches. */
    private static String mangle(String good, Random random) {
        StringBuilder text = new StringBuilder(good);
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes && !text.isEmpty(); i++) {
            int at = random.nextInt(text.length());
            int length = Math.min(text.length() - at, 1 + random.nextInt(12));
            switch (random.nextInt(3)) {
                case 0 -> text.delete(at, at + length);
                case 1 -> text.insert(at, text.substring(at, at + length));
                default ->
                        text.replace(
                                at,
                                at + length,
                                randomText(random, "<>/&\"';,.-0123456789 ABCDIT\n", length));
            }
        }
        return text.toString();
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static void assertReadOrRefused(Runnable parse) {
        try {
            parse.run();
        } catch (StatementProblem refused) {
            assertThat(refused.code()).startsWith("statement-");
            assertThat(refused.where()).isNotNull();
        }
    }
}
