package coop.cluster.web.i18n;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Dates, countries and money in the reader's locale, for templates ({@code ${@formats.date(instant, #locale)}}):
 * "12 mars 2026" / "March 12, 2026", "Maroc" / "Morocco", "1 234,50 €" / "€1,234.50".
 */
@Component("formats")
public class Formats {

    private final ZoneId zone;

    Formats(@Value("${cluster.web.time-zone:Europe/Paris}") ZoneId zone) {
        this.zone = zone;
    }

    public String date(Instant instant, Locale locale) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
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
        format.setMinimumFractionDigits(Math.max(unit.getDefaultFractionDigits(), amount.scale()));
        return format.format(amount);
    }
}
