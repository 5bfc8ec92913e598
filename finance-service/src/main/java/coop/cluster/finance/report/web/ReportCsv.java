package coop.cluster.finance.report.web;

import coop.cluster.finance.report.domain.PeriodReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A report as CSV (RFC 4180, CRLF, written by Apache Commons CSV): one header row, {@value
 * #HEADER}, then one row per figure. {@code section} and {@code item} are stable machine names,
 * {@code code} the account or project, {@code label} in the requested language, {@code value} the
 * exact decimal amount (or, in the {@code report} section, the period's facts), {@code currency}
 * its currency. A field is quoted when it holds a comma, a quote or a line break (and, Commons CSV
 * being careful, when it starts with a space, {@code !}, {@code "} or {@code #} or ends with a
 * space); a field starting with a formula character is neutralised.
 */
final class ReportCsv {

    static final String HEADER = "section,item,code,label,value,currency";
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    private ReportCsv() {}

    static String render(PeriodReport report, ReportLabels labels) {
        List<String[]> rows = new ArrayList<>();
        String currency = report.currency();
        rows.add(
                new String[] {
                    "report",
                    "period",
                    report.periodId(),
                    labels.text("period"),
                    report.periodId(),
                    ""
                });
        rows.add(
                new String[] {
                    "report", "from", "", labels.text("from"), report.from().toString(), ""
                });
        rows.add(new String[] {"report", "to", "", labels.text("to"), report.to().toString(), ""});
        rows.add(new String[] {"report", "status", "", labels.text("status"), report.status(), ""});
        rows.add(
                new String[] {
                    "report",
                    "sealed",
                    "",
                    labels.text("seal"),
                    Boolean.toString(report.seal().sealed()),
                    ""
                });
        rows.add(
                new String[] {
                    "report",
                    "seal-hash",
                    "",
                    labels.text("seal.hash"),
                    nonNull(report.seal().hash()),
                    ""
                });
        rows.add(
                new String[] {
                    "report",
                    "through-sequence",
                    "",
                    labels.text("through"),
                    Long.toString(report.throughSequence()),
                    ""
                });

        PeriodReport.Income income = report.income();
        rows.add(
                money(
                        "income",
                        "fees",
                        "4000",
                        labels.text("income.fees"),
                        income.membershipFees(),
                        currency));
        for (PeriodReport.Line donation : income.donations()) {
            rows.add(
                    money(
                            "income",
                            "donation",
                            donation.code(),
                            donation.key() == null
                                    ? labels.text("income.donations.unspecified")
                                    : labels.named("income.donations", donation.key()),
                            donation.amount(),
                            currency));
        }
        rows.add(
                money(
                        "income",
                        "donations-total",
                        "4100",
                        labels.text("income.donations"),
                        income.donationsTotal(),
                        currency));
        for (PeriodReport.GrantLine grant : income.grants()) {
            rows.add(
                    money(
                            "income",
                            "grant",
                            grant.code(),
                            grant.programme() == null
                                    ? labels.text("income.grants.unspecified")
                                    : labels.named("income.grants", grant.programme()),
                            grant.amount(),
                            currency));
            for (PeriodReport.Line project : grant.projects()) {
                rows.add(
                        money(
                                "income",
                                "grant-project",
                                project.code(),
                                labels.named("projects.project", project.key()),
                                project.amount(),
                                currency));
            }
        }
        rows.add(
                money(
                        "income",
                        "grants-total",
                        "4200",
                        labels.text("income.grants"),
                        income.grantsTotal(),
                        currency));
        rows.add(
                money(
                        "income",
                        "total",
                        "",
                        labels.text("income.total"),
                        income.total(),
                        currency));

        for (PeriodReport.CategoryLine category : report.expenses().categories()) {
            rows.add(
                    money(
                            "expenses",
                            category.category(),
                            category.code(),
                            labels.text("expenses." + category.category()),
                            category.amount(),
                            currency));
        }
        rows.add(
                money(
                        "expenses",
                        "total",
                        "",
                        labels.text("expenses.total"),
                        report.expenses().total(),
                        currency));

        PeriodReport.Balance balance = report.balance();
        rows.add(
                money(
                        "balance",
                        "bank-opening",
                        "1000",
                        labels.text("balance.bankOpening"),
                        balance.bankOpening(),
                        currency));
        rows.add(
                money(
                        "balance",
                        "income",
                        "",
                        labels.text("income.total"),
                        balance.income(),
                        currency));
        rows.add(
                money(
                        "balance",
                        "expenses",
                        "",
                        labels.text("expenses.total"),
                        balance.expenses(),
                        currency));
        rows.add(
                money(
                        "balance",
                        "net-result",
                        "",
                        labels.text("balance.netResult"),
                        balance.netResult(),
                        currency));
        rows.add(
                money(
                        "balance",
                        "bank-closing",
                        "1000",
                        labels.text("balance.bankClosing"),
                        balance.bankClosing(),
                        currency));

        for (PeriodReport.ProjectLine project : report.projects()) {
            String code = project.project();
            String name = labels.named("projects.project", code);
            rows.add(
                    money(
                            "project",
                            "pledged",
                            code,
                            name + " — " + labels.text("projects.pledged"),
                            project.pledged(),
                            currency));
            rows.add(
                    money(
                            "project",
                            "received",
                            code,
                            name + " — " + labels.text("projects.received"),
                            project.received(),
                            currency));
            rows.add(
                    money(
                            "project",
                            "received-to-date",
                            code,
                            name + " — " + labels.text("projects.receivedToDate"),
                            project.receivedToDate(),
                            currency));
            rows.add(
                    money(
                            "project",
                            "spent",
                            code,
                            name + " — " + labels.text("projects.spent"),
                            project.spent(),
                            currency));
            rows.add(
                    money(
                            "project",
                            "spent-to-date",
                            code,
                            name + " — " + labels.text("projects.spentToDate"),
                            project.spentToDate(),
                            currency));
            for (PeriodReport.PartnerLine partner : project.partners()) {
                String partnerCode = code + ":M:" + partner.partner();
                String partnerName =
                        name + ", " + labels.named("projects.partner", partner.partner());
                rows.add(
                        money(
                                "partner",
                                "pledged",
                                partnerCode,
                                partnerName + " — " + labels.text("projects.pledged"),
                                partner.pledged(),
                                currency));
                rows.add(
                        money(
                                "partner",
                                "received",
                                partnerCode,
                                partnerName + " — " + labels.text("projects.received"),
                                partner.received(),
                                currency));
                rows.add(
                        money(
                                "partner",
                                "received-to-date",
                                partnerCode,
                                partnerName + " — " + labels.text("projects.receivedToDate"),
                                partner.receivedToDate(),
                                currency));
            }
        }

        for (PeriodReport.InKindLine line : report.inKind().lines()) {
            rows.add(
                    money(
                            "in-kind",
                            line.kind(),
                            line.code(),
                            line.id() == null
                                    ? labels.text("inKind." + line.kind())
                                    : labels.named("inKind." + line.kind(), line.id()),
                            line.amount(),
                            currency));
        }
        rows.add(
                money(
                        "in-kind",
                        "total",
                        "9000",
                        labels.text("inKind.total"),
                        report.inKind().total(),
                        currency));

        StringBuilder csv = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(csv, FORMAT)) {
            printer.printRecord((Object[]) HEADER.split(","));
            for (String[] row : rows) {
                for (String field : row) {
                    printer.print(neutralised(field));
                }
                printer.println();
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible); // a StringBuilder
        }
        return csv.toString();
    }

    /** A money row; an amount that does not apply (no budget line) is an empty value. */
    private static String[] money(
            String section,
            String item,
            String code,
            String label,
            String amount,
            String currency) {
        return new String[] {
            section, item, code, label, nonNull(amount), amount == null ? "" : currency
        };
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    /** A field as written: quoted when it must be, a leading formula character neutralised. */
    static String escape(String field) {
        StringBuilder written = new StringBuilder();
        try {
            FORMAT.print(neutralised(field), written, true);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible); // a StringBuilder
        }
        return written.toString();
    }

    /**
     * A leading formula character ({@code =}, {@code +}, {@code @}) neutralised by a quote, for
     * spreadsheets.
     */
    private static String neutralised(String field) {
        return !field.isEmpty() && "=+@".indexOf(field.charAt(0)) >= 0 ? "'" + field : field;
    }
}
