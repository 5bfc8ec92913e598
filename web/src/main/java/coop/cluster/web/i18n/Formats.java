package coop.cluster.web.i18n;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Dates, countries and money in the reader's locale, for templates ({@code ${@formats.date(instant,
 * #locale)}}): "12 mars 2026" / "March 12, 2026", "Maroc" / "Morocco", "1 234,50 €" / "€1,234.50".
 * The locale carries the region (fr-BE, fr-FR, fr-MA, fr-TN, en: {@link ConsoleLocaleResolver}), so
 * a Moroccan reader sees "1.234,50 MAD".
 */
@Component("formats")
public class Formats {

    private final ZoneId zone;

    Formats(@Value("${cluster.web.time-zone:Europe/Paris}") ZoneId zone) {
        this.zone = zone;
    }

    public String date(Instant instant, Locale locale) {
        return instant == null
                ? ""
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                        .withLocale(locale)
                        .format(instant.atZone(zone));
    }

    /** A country's name from its ISO 3166 alpha-2 code; the code itself when unknown. */
    public String country(String code, Locale locale) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String name = Locale.of("", code).getDisplayCountry(locale);
        return name.isBlank() ? code : name;
    }

    /** An exact amount with its currency, for tables: never rounded, never a bare sign. */
    public String money(BigDecimal amount, String currency, Locale locale) {
        if (amount == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        Currency unit = Currency.getInstance(currency);
        format.setCurrency(unit);
        // the currency's digits (or the amount's, if more), whatever the locale's pattern says
        // (fr-TN would write 3)
        int digits = Math.max(unit.getDefaultFractionDigits(), amount.scale());
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(amount);
    }

    /**
     * A plain number in the reader's locale ("1 234,5", "1.234,5" in fr-MA, "1,234.5"), never
     * rounded.
     */
    public String number(BigDecimal value, Locale locale) {
        if (value == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(Math.max(0, value.scale()));
        return format.format(value);
    }

    /**
     * A date and time, short, in the console's time zone: "12/03/2026 14:05" / "3/12/26, 2:05 PM".
     */
    public String dateTime(Instant instant, Locale locale) {
        return instant == null
                ? ""
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
                        .withLocale(locale)
                        .format(instant.atZone(zone));
    }

    /** A calendar date (a due date, a cut-off day): "12 mars 2026". */
    public String day(LocalDate day, Locale locale) {
        return day == null
                ? ""
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                        .withLocale(locale)
                        .format(day);
    }
}
