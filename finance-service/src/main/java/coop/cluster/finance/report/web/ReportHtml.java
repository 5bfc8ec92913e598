package coop.cluster.finance.report.web;

import coop.cluster.finance.report.domain.PeriodReport;

/**
 * A report as a printable, self-contained HTML page (inline CSS with print rules; no script, no
 * external asset), labels in the requested language and amounts formatted for it.
 */
final class ReportHtml {

    private static final String STYLE =
            """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;margin:2rem auto;\
            max-width:60rem;padding:0 1rem;line-height:1.4}
            h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:2px solid #2d5f8b;\
            padding-bottom:.2rem;color:#2d5f8b}
            .meta{color:#444;margin:.2rem 0}.status{display:inline-block;padding:.1rem .6rem;border-radius:1rem;\
            font-size:.85rem;font-weight:600}.draft{background:#fff3cd;color:#7a5b00}.published{background:#d4edda;\
            color:#155724}
            table{width:100%;border-collapse:collapse;margin-top:.5rem}th,td{padding:.35rem .5rem;\
            border-bottom:1px solid #ddd;text-align:left;vertical-align:top}th{background:#f2f5f8}
            td.amount,th.amount{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
            tr.total td{font-weight:700;border-top:2px solid #999}tr.sub td:first-child{padding-left:1.5rem;color:#444}
            .hash{font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all;font-size:.85rem}
            .empty{color:#666;font-style:italic}
            @media print{body{margin:0;max-width:none;font-size:10pt}h2{page-break-after:avoid}\
            table{page-break-inside:auto}tr{page-break-inside:avoid}.status{border:1px solid #999}\
            @page{size:A4;margin:15mm}}
            """;

    /**
     * For the PDF ({@link ReportPdf}) only: the embedded fonts, A4 pages with the report and the
     * page number in the margins, and the signature block at the end.
     */
    private static final String PRINT_STYLE =
            """
            body{font-family:"DejaVu Sans",sans-serif;margin:0;padding:0;max-width:none;font-size:9.5pt;line-height:1.35}
            h1{font-size:16pt}h2{font-size:11.5pt;margin-top:14pt;page-break-after:avoid}
            .hash{font-family:"DejaVu Sans Mono",monospace;font-size:8pt;word-wrap:break-word}
            th,td{padding:3pt 5pt}th.amount{white-space:normal}table{-fs-table-paginate:paginate}\
            tr{page-break-inside:avoid}table.projects{font-size:8pt}table.projects th,table.projects td{padding:3pt 3pt}
            .sign{margin-top:22pt;page-break-inside:avoid;border:1px solid #999;padding:8pt 10pt}
            .sign h2{margin-top:0;border:none;color:#1a1a1a}.sign p{margin:4pt 0 6pt 0}
            table.lines{margin-top:0}table.lines th{width:26%;background:none;border:none;padding:16pt 6pt 2pt 0;\
            font-weight:700}table.lines td{border:none;border-bottom:1px solid #333}
            @page{size:A4;margin:16mm 14mm 18mm 14mm;            @bottom-left{content:element(footer);font-family:"DejaVu Sans",sans-serif}            @bottom-right{content:counter(page) " / " counter(pages);font-family:"DejaVu Sans",sans-serif;            font-size:8pt;color:#555}}
            .footer{position:running(footer);font-size:8pt;color:#555}
            """;

    private ReportHtml() {}

    static String render(PeriodReport report, ReportLabels labels) {
        Page page = new Page(report, labels, false);
        return page.render();
    }

    /**
     * The page as {@link ReportPdf} lays it out: the same content, print rules and a signature
     * block.
     */
    static String renderForPrint(PeriodReport report, ReportLabels labels) {
        return new Page(report, labels, true).render();
    }

    private static final class Page {

        private final PeriodReport report;
        private final ReportLabels labels;
        private final boolean print;
        private final StringBuilder html = new StringBuilder(16_384);

        /** The class of the next table {@link #tableHead} opens, if any. */
        private String tableClass;

        Page(PeriodReport report, ReportLabels labels, boolean print) {
            this.report = report;
            this.labels = labels;
            this.print = print;
        }

        String render() {
            String title = labels.text("title") + " — " + labels.periodName(report);
            html.append("<!DOCTYPE html>\n<html lang=\"")
                    .append(labels.language())
                    .append("\">\n<head>\n")
                    .append("<meta charset=\"utf-8\">\n")
                    .append(
                            "<meta name=\"viewport\" content=\"width=device-width,"
                                    + " initial-scale=1\">\n")
                    .append("<title>")
                    .append(escape(title))
                    .append("</title>\n<style>")
                    .append(STYLE)
                    .append(print ? PRINT_STYLE : "")
                    .append("</style>\n</head>\n<body>\n");
            if (print) {
                html.append("<div class=\"footer\">")
                        .append(escape(title))
                        .append(" — ")
                        .append(
                                escape(
                                        report.seal().sealed()
                                                ? labels.text("seal.sealed")
                                                        + " "
                                                        + report.seal()
                                                                .hash()
                                                                .substring(
                                                                        0,
                                                                        Math.min(
                                                                                16,
                                                                                report.seal()
                                                                                        .hash()
                                                                                        .length()))
                                                        + "…"
                                                : labels.text("seal.none")))
                        .append("</div>\n");
            }
            html.append("<h1>").append(escape(title)).append("</h1>\n");
            boolean published = PeriodReport.PUBLISHED.equals(report.status());
            meta(
                    labels.text("period"),
                    escape(labels.date(report.from()) + " – " + labels.date(report.to())));
            html.append("<p class=\"meta\"><span class=\"status ")
                    .append(published ? "published" : "draft")
                    .append("\">")
                    .append(escape(labels.text("status." + (published ? "published" : "draft"))))
                    .append("</span>");
            if (published && report.publishedAt() != null) {
                html.append(' ')
                        .append(
                                escape(
                                        labels.text(
                                                "publishedOn",
                                                labels.date(
                                                        report.publishedAt()
                                                                .atZone(java.time.ZoneOffset.UTC)
                                                                .toLocalDate()),
                                                report.revision())));
            }
            html.append("</p>\n");
            if (report.seal().sealed()) {
                meta(
                        labels.text("seal"),
                        escape(labels.text("seal.sealed"))
                                + " — "
                                + escape(labels.text("seal.hash"))
                                + " <span class=\"hash\">"
                                + escape(report.seal().hash())
                                + "</span>");
            } else {
                meta(labels.text("seal"), escape(labels.text("seal.none")));
            }
            meta(labels.text("through"), escape(Long.toString(report.throughSequence())));

            income();
            expenses();
            balance();
            projects();
            inKind();
            if (print) {
                signature();
            }
            html.append("</body>\n</html>\n");
            return html.toString();
        }

        /** Where the lead member's finance staff certify the printed report. */
        private void signature() {
            html.append("<div class=\"sign\">\n<h2>")
                    .append(escape(labels.text("sign")))
                    .append("</h2>\n<p>")
                    .append(escape(labels.text("sign.statement", labels.periodName(report))))
                    .append("</p>\n");
            html.append("<table class=\"lines\"><tbody>\n");
            for (String line :
                    new String[] {"sign.name", "sign.role", "sign.place", "sign.signature"}) {
                html.append("<tr><th>")
                        .append(escape(labels.text(line) + labels.colon()))
                        .append("</th><td></td></tr>\n");
            }
            html.append("</tbody></table>\n</div>\n");
        }

        private void meta(String label, String valueHtml) {
            html.append("<p class=\"meta\"><strong>")
                    .append(escape(label + labels.colon()))
                    .append("</strong> ")
                    .append(valueHtml)
                    .append("</p>\n");
        }

        private void income() {
            PeriodReport.Income income = report.income();
            section("income");
            tableHead(labels.text("item"), labels.text("amount"));
            row("", labels.text("income.fees"), income.membershipFees());
            for (PeriodReport.Line donation : income.donations()) {
                row(
                        "",
                        donation.key() == null
                                ? labels.text("income.donations.unspecified")
                                : labels.named("income.donations", donation.key()),
                        donation.amount());
            }
            for (PeriodReport.GrantLine grant : income.grants()) {
                row(
                        "",
                        grant.programme() == null
                                ? labels.text("income.grants.unspecified")
                                : labels.named("income.grants", grant.programme()),
                        grant.amount());
                for (PeriodReport.Line project : grant.projects()) {
                    row("sub", labels.named("projects.project", project.key()), project.amount());
                }
            }
            row("total", labels.text("income.total"), income.total());
            html.append("</tbody></table>\n");
        }

        private void expenses() {
            section("expenses");
            tableHead(labels.text("item"), labels.text("amount"));
            for (PeriodReport.CategoryLine category : report.expenses().categories()) {
                row("", labels.text("expenses." + category.category()), category.amount());
            }
            row("total", labels.text("expenses.total"), report.expenses().total());
            html.append("</tbody></table>\n");
        }

        private void balance() {
            PeriodReport.Balance balance = report.balance();
            section("balance");
            tableHead(labels.text("item"), labels.text("amount"));
            row("", labels.text("balance.bankOpening"), balance.bankOpening());
            row("", labels.text("income.total"), balance.income());
            row("", labels.text("expenses.total"), balance.expenses());
            row("total", labels.text("balance.netResult"), balance.netResult());
            row("total", labels.text("balance.bankClosing"), balance.bankClosing());
            html.append("</tbody></table>\n");
        }

        private void projects() {
            section("projects");
            if (report.projects().isEmpty()) {
                html.append("<p class=\"empty\">")
                        .append(escape(labels.text("projects.none")))
                        .append("</p>\n");
                return;
            }
            tableClass = "projects";
            tableHead(
                    labels.text("projects.project"),
                    labels.text("projects.pledged"),
                    labels.text("projects.received"),
                    labels.text("projects.receivedToDate"),
                    labels.text("projects.spent"),
                    labels.text("projects.spentToDate"));
            for (PeriodReport.ProjectLine project : report.projects()) {
                html.append("<tr><td>");
                if (project.title() != null && !project.title().isBlank()) {
                    html.append(escape(project.title()))
                            .append("<br><small>")
                            .append(escape(project.project()))
                            .append("</small>");
                } else {
                    html.append(escape(project.project()));
                }
                html.append("</td>");
                if (project.budgeted()) {
                    amountCell(project.pledged());
                } else {
                    html.append("<td class=\"amount empty\">")
                            .append(escape(labels.text("projects.noBudget")))
                            .append("</td>");
                }
                amountCell(project.received());
                amountCell(project.receivedToDate());
                amountCell(project.spent());
                amountCell(project.spentToDate());
                html.append("</tr>\n");
                for (PeriodReport.PartnerLine partner : project.partners()) {
                    html.append("<tr class=\"sub\"><td>")
                            .append(escape(labels.named("projects.partner", partner.partner())))
                            .append("</td>");
                    if (partner.pledged() == null) {
                        html.append("<td class=\"amount empty\">—</td>");
                    } else {
                        amountCell(partner.pledged());
                    }
                    amountCell(partner.received());
                    amountCell(partner.receivedToDate());
                    html.append("<td></td><td></td></tr>\n");
                }
            }
            html.append("</tbody></table>\n");
        }

        private void inKind() {
            section("inKind");
            if (report.inKind().lines().isEmpty()) {
                html.append("<p class=\"empty\">")
                        .append(escape(labels.text("inKind.none")))
                        .append("</p>\n");
                return;
            }
            tableHead(labels.text("item"), labels.text("amount"));
            for (PeriodReport.InKindLine line : report.inKind().lines()) {
                row(
                        "",
                        line.id() == null
                                ? labels.text("inKind." + line.kind())
                                : labels.named("inKind." + line.kind(), line.id()),
                        line.amount());
            }
            row("total", labels.text("inKind.total"), report.inKind().total());
            html.append("</tbody></table>\n");
        }

        private void section(String key) {
            html.append("<h2>").append(escape(labels.text(key))).append("</h2>\n");
        }

        private void tableHead(String first, String... amounts) {
            html.append(tableClass == null ? "<table>" : "<table class=\"" + tableClass + "\">")
                    .append("<thead><tr><th>")
                    .append(escape(first))
                    .append("</th>");
            tableClass = null;
            for (String amount : amounts) {
                html.append("<th class=\"amount\">").append(escape(amount)).append("</th>");
            }
            html.append("</tr></thead><tbody>\n");
        }

        private void row(String cssClass, String label, String amount) {
            html.append("<tr")
                    .append(cssClass.isEmpty() ? "" : " class=\"" + cssClass + "\"")
                    .append("><td>")
                    .append(escape(label))
                    .append("</td>");
            amountCell(amount);
            html.append("</tr>\n");
        }

        private void amountCell(String amount) {
            html.append("<td class=\"amount\">")
                    .append(escape(labels.money(amount, report.currency())))
                    .append("</td>");
        }
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
