package coop.cluster.finance.report.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.report.domain.Movement;
import coop.cluster.finance.report.domain.PeriodReport;
import coop.cluster.finance.report.domain.ProjectBudget;
import coop.cluster.finance.report.domain.ReportAggregator;
import coop.cluster.finance.report.domain.ReportPeriod;
import coop.cluster.finance.report.domain.SealInfo;
import coop.cluster.plumbing.web.ProblemException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class ReportFormatsTest {

    private static final ResourceBundleMessageSource MESSAGES = messages();
    private static final ReportLabels ENGLISH = new ReportLabels(MESSAGES, ReportLabels.ENGLISH);
    private static final ReportLabels FRENCH = new ReportLabels(MESSAGES, ReportLabels.FRENCH);

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setAlwaysUseMessageFormat(true);
        return messages;
    }

    private static PeriodReport sample(boolean sealed) {
        Map<String, Movement> march = new TreeMap<>();
        put(march, "1000", "12345.67", "4200.00");
        put(march, "4000:M:m1", "0", "1234.50");
        put(march, "4100:S:acme", "0", "10000.00");
        put(march, "4200:P:erasmus:J:p1", "0", "1111.17");
        put(march, "6100", "4000.00", "0");
        put(march, "6400:J:p1", "200.00", "0");
        put(march, "2500:J:p1:M:m2", "0", "0");
        put(march, "9000:M:m1", "300.00", "0");
        put(march, "9900:M:m1", "0", "300.00");
        Map<String, Movement> before =
                Map.of("1000", new Movement(new BigDecimal("1000.00"), BigDecimal.ZERO));
        Optional<SealInfo> seal =
                sealed
                        ? Optional.of(
                                new SealInfo(
                                        "5eal0fmarch", null, Instant.parse("2026-04-01T08:00:00Z")))
                        : Optional.empty();
        List<ProjectBudget> budgets =
                List.of(
                        new ProjectBudget(
                                "p1",
                                List.of(
                                        new ProjectBudget.Pledge(
                                                "m2", Money.of("5000.00", "EUR")))));
        return ReportAggregator.report(
                ReportPeriod.parse("2026-03"),
                Currency.getInstance("EUR"),
                march,
                before,
                seal,
                budgets,
                17,
                Instant.parse("2026-04-02T10:00:00Z"));
    }

    private static void put(
            Map<String, Movement> movements, String account, String debit, String credit) {
        movements.put(account, new Movement(new BigDecimal(debit), new BigDecimal(credit)));
    }

    @Test
    void csvHasStableColumnsMachineAmountsAndTranslatedLabels() {
        String english = ReportCsv.render(sample(true), ENGLISH);
        String french = ReportCsv.render(sample(true), FRENCH);

        List<String> lines = Arrays.asList(english.split("\r\n"));
        assertThat(lines.getFirst()).isEqualTo("section,item,code,label,value,currency");
        assertThat(lines).allSatisfy(line -> assertThat(fields(line)).as(line).hasSize(6));
        assertThat(
                        fields(
                                "partner,pledged,p1:M:m2,\"Project: p1, Partner: m2 —"
                                        + " Pledged\",5000.00,EUR"))
                .containsExactly(
                        "partner",
                        "pledged",
                        "p1:M:m2",
                        "Project: p1, Partner: m2 — Pledged",
                        "5000.00",
                        "EUR");
        assertThat(lines)
                .contains(
                        "partner,pledged,p1:M:m2,\"Project: p1, Partner: m2 —"
                                + " Pledged\",5000.00,EUR");
        assertThat(lines)
                .contains(
                        "report,period,2026-03,Period,2026-03,",
                        "report,sealed,,Seal,true,",
                        "report,seal-hash,,seal hash,5eal0fmarch,",
                        "income,fees,4000,Membership fees,1234.50,EUR",
                        "income,donation,4100:S:acme,Donations: acme,10000.00,EUR",
                        "income,grant-project,4200:P:erasmus:J:p1,Project: p1,1111.17,EUR",
                        "income,total,,Total income,12345.67,EUR",
                        "expenses,administrative,6100,Administrative expenses,4000.00,EUR",
                        "expenses,total,,Total expenses,4200.00,EUR",
                        "balance,bank-opening,1000,Bank at the start of the period,1000.00,EUR",
                        "balance,net-result,,Net result (income less expenses),8145.67,EUR",
                        "balance,bank-closing,1000,Bank at the end of the period,9145.67,EUR",
                        "project,pledged,p1,Project: p1 — Pledged,5000.00,EUR",
                        "project,spent,p1,Project: p1 — Spent in the period,200.00,EUR",
                        "in-kind,member,9000:M:m1,Member: m1,300.00,EUR");
        assertThat(french)
                .contains("income,fees,4000,Cotisations des membres,1234.50,EUR\r\n")
                .contains("balance,bank-closing,1000,Banque à la fin de la période,9145.67,EUR\r\n")
                .contains("in-kind,total,9000,Total des contributions en nature,300.00,EUR\r\n")
                .contains("income,donation,4100:S:acme,Dons\u00a0: acme,10000.00,EUR\r\n");
    }

    /** The fields of one CSV line (RFC 4180 quoting). */
    private static List<String> fields(String line) {
        List<String> fields = new java.util.ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    @Test
    void csvQuotesAndNeutralisesFormulas() {
        assertThat(ReportCsv.escape("a,b")).isEqualTo("\"a,b\"");
        assertThat(ReportCsv.escape("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ReportCsv.escape("=cmd()")).isEqualTo("'=cmd()");
        assertThat(ReportCsv.escape("-12.50")).isEqualTo("-12.50");
    }

    @Test
    void htmlInEnglishHasTheHeadingsAndTheAmountsFormattedForEnglish() {
        String html = ReportHtml.render(sample(false), ENGLISH);

        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<html lang=\"en\">")
                .contains("<h1>Public financial report — March 2026</h1>")
                .contains(
                        "<h2>Income by source</h2>",
                        "<h2>Expenses by category</h2>",
                        "<h2>Balance of the sub-account</h2>",
                        "<h2>Budget against actual, by project</h2>",
                        "<h2>In-kind contributions</h2>")
                .contains("Draft: figures may still change", "Not sealed yet")
                .contains("€12,345.67", "€1,234.50", "€9,145.67", "€5,000.00")
                .contains("@media print")
                .doesNotContain("<script", "<link", "src=\"http", "href=\"http");
    }

    @Test
    void htmlInFrenchHasTranslatedHeadingsAndFrenchAmounts() {
        String html =
                ReportHtml.render(
                        sample(true).asPublished(Instant.parse("2026-04-03T09:00:00Z"), 1), FRENCH);

        assertThat(html)
                .contains("<html lang=\"fr\">")
                .contains("<h1>Rapport financier public — mars 2026</h1>")
                .contains(
                        "<h2>Recettes par origine</h2>",
                        "<h2>Dépenses par catégorie</h2>",
                        "<h2>Situation du sous-compte</h2>",
                        "<h2>Budget et réalisé, par projet</h2>",
                        "<h2>Contributions en nature</h2>")
                .contains("Publié", "Période clôturée et scellée", "5eal0fmarch")
                .contains(
                        "Cotisations des membres",
                        "Frais administratifs",
                        "Banque à la fin de la période");
        // French groups thousands with a (narrow) no-break space and uses a decimal comma
        assertThat(html)
                .containsPattern("12[\\u00a0\\u202f ]345,67[\\u00a0\\u202f ]€")
                .containsPattern("1[\\u00a0\\u202f ]234,50[\\u00a0\\u202f ]€");
        assertThat(html).doesNotContain("Income by source");
    }

    /**
     * Acceptance testing: {@code ?format=pdf} answered 400. The PDF is the HTML page laid out on
     * A4, in each language, with the seal and the totals (read back from the PDF's text with
     * PDFBox) and a signature block.
     */
    @Test
    void pdfInEnglishAndFrenchCarriesTheSealTheTotalsAndASignatureBlock() throws Exception {
        PeriodReport report = sample(true).asPublished(Instant.parse("2026-04-03T09:00:00Z"), 1);
        byte[] english = ReportPdf.render(report, ENGLISH);
        byte[] french = ReportPdf.render(report, FRENCH);
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "report-sample-en.pdf"), english);
        java.nio.file.Files.write(java.nio.file.Path.of("target", "report-sample-fr.pdf"), french);

        assertThat(new String(english, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        String en = text(english);
        assertThat(en)
                .contains(
                        "Public financial report — March 2026",
                        "Income by source",
                        "Total income",
                        "Period closed and sealed",
                        "5eal0fmarch",
                        "€12,345.67",
                        "€4,200.00",
                        "€8,145.67",
                        "€9,145.67",
                        "€300.00",
                        "Certified by the lead member's finance staff",
                        "Signature",
                        "1 / ");
        String fr = text(french);
        assertThat(fr)
                .contains(
                        "Rapport financier public — mars 2026",
                        "Recettes par origine",
                        "Période clôturée et scellée",
                        "5eal0fmarch",
                        "12 345,67 €",
                        "4 200,00 €",
                        "9 145,67 €",
                        "Certifié par le service financier du membre chef de file",
                        "Lieu et date");
        assertThat(fr).doesNotContain("Income by source");
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(english)) {
            assertThat(pdf.getNumberOfPages()).isBetween(1, 4);
            assertThat(pdf.getPage(0).getMediaBox().getWidth())
                    .as("A4")
                    .isCloseTo(595.3f, org.assertj.core.data.Offset.offset(1f));
        }
    }

    /**
     * The PDF's text, white space (the French narrow no-break spaces, line breaks) as single
     * spaces.
     */
    private static String text(byte[] pdf) throws java.io.IOException {
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper()
                    .getText(document)
                    .replaceAll("[\\s\\u00a0\\u202f]+", " ");
        }
    }

    @Test
    void htmlEscapesWhatComesFromTheLedger() {
        assertThat(ReportHtml.escape("<b>\"x\" & 'y'</b>"))
                .isEqualTo("&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;");
    }

    @Test
    void formatComesFromTheParameterThenTheAcceptHeader() {
        assertThat(ReportController.format(null, null)).isEqualTo("json");
        assertThat(ReportController.format("CSV", "text/html")).isEqualTo("csv");
        assertThat(ReportController.format(null, "text/csv")).isEqualTo("csv");
        assertThat(ReportController.format(null, "text/html,application/xhtml+xml,*/*;q=0.8"))
                .isEqualTo("html");
        assertThat(ReportController.format(null, "*/*")).isEqualTo("json");
        assertThat(ReportController.format("pdf", null)).isEqualTo("pdf");
        assertThat(ReportController.format(null, "application/pdf")).isEqualTo("pdf");
        assertThat(ReportController.format(null, "application/*")).isEqualTo("json");
        assertThat(ReportController.format(null, "text/xml;q=0.9, application/pdf;q=0.5"))
                .isEqualTo("pdf");
        assertThatThrownBy(() -> ReportController.format("xml", null))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem ->
                                assertThat(problem.code()).isEqualTo("report-format-unsupported"));
        // acceptance testing: an Accept header asking for a format not offered got 200 with JSON
        assertThatThrownBy(() -> ReportController.format(null, "text/xml"))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> {
                            assertThat(problem.code()).isEqualTo("report-format-not-acceptable");
                            assertThat(problem.status().value()).isEqualTo(406);
                        });
        assertThatThrownBy(() -> ReportController.format(null, "image/png, application/json;q=0"))
                .isInstanceOf(ProblemException.class);
        assertThat(ReportController.locale("fr")).isEqualTo(ReportLabels.FRENCH);
        assertThatThrownBy(() -> ReportController.locale("de"))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void everyReportLabelHasAnEnglishAndAFrenchText() throws Exception {
        java.util.Properties english = new java.util.Properties();
        java.util.Properties french = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/messages.properties");
                var fr =
                        new java.io.InputStreamReader(
                                getClass().getResourceAsStream("/messages_fr.properties"),
                                java.nio.charset.StandardCharsets.UTF_8)) {
            english.load(in);
            french.load(fr);
        }
        List<String> ours =
                english.stringPropertyNames().stream()
                        .filter(
                                key ->
                                        key.startsWith("report.")
                                                || key.startsWith("problem.report-"))
                        .toList();
        assertThat(ours).hasSizeGreaterThan(50);
        assertThat(french.stringPropertyNames()).containsAll(ours);
    }
}
