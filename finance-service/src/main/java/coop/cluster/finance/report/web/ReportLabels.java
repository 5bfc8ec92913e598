package coop.cluster.finance.report.web;

import coop.cluster.finance.report.domain.PeriodReport;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * A report's words and numbers for people, in English or French: labels from {@code
 * messages*.properties} ({@code report.*}), amounts and dates formatted per locale (for the HTML
 * page; CSV and JSON keep the machine form).
 */
final class ReportLabels {

    static final Locale ENGLISH = Locale.UK;
    static final Locale FRENCH = Locale.FRANCE;

    private final MessageSource messages;
    private final Locale locale;

    ReportLabels(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    Locale locale() {
        return locale;
    }

    String language() {
        return locale.getLanguage();
    }

    String text(String key, Object... args) {
        return messages.getMessage("report." + key, args, locale);
    }

    /** The colon after a label: French puts a no-break space before it. */
    String colon() {
        return "fr".equals(locale.getLanguage()) ? "\u00a0:" : ":";
    }

    /** {@code Donations: acme}, {@code Dons : acme}. */
    String named(String key, String id) {
        return text(key) + colon() + " " + id;
    }

    /**
     * {@code 1,234.50 €}-like, per locale, exact (the amount has the currency's digits already).
     */
    String money(String amount, String currencyCode) {
        if (amount == null) {
            return "—";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        Currency currency = Currency.getInstance(currencyCode);
        format.setCurrency(currency);
        format.setMinimumFractionDigits(currency.getDefaultFractionDigits());
        format.setMaximumFractionDigits(currency.getDefaultFractionDigits());
        return format.format(new BigDecimal(amount));
    }

    String date(LocalDate date) {
        return date.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale));
    }

    /** "March 2026", "Q1 2026", "2026" and their French forms. */
    String periodName(PeriodReport report) {
        return switch (report.kind()) {
            case "month" ->
                    YearMonth.from(report.from())
                            .format(DateTimeFormatter.ofPattern("MMMM yyyy", locale));
            case "quarter" ->
                    text(
                            "periodName.quarter",
                            (report.from().getMonthValue() - 1) / 3 + 1,
                            Integer.toString(report.from().getYear()));
            default -> Integer.toString(report.from().getYear());
        };
    }
}
