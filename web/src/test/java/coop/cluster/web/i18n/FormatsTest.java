package coop.cluster.web.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Dates, numbers and money in each locale the console serves, and how the locale is chosen. */
class FormatsTest {

    private static final char NNBSP = '\u202f';
    private static final char NBSP = '\u00a0';
    private final Formats formats = new Formats(ZoneId.of("Europe/Paris"));

    @Test
    void moneyIsExactWithTheRegionsSeparatorsAndTheCurrencysDigits() {
        BigDecimal amount = new BigDecimal("1234.5");
        assertThat(formats.money(amount, "EUR", tag("fr-FR")))
                .isEqualTo("1" + NNBSP + "234,50" + NBSP + "€");
        assertThat(formats.money(amount, "EUR", tag("fr-BE")))
                .isEqualTo("1" + NNBSP + "234,50" + NBSP + "€");
        assertThat(formats.money(amount, "MAD", tag("fr-MA"))).isEqualTo("1.234,50" + NBSP + "MAD");
        // fr-TN's pattern has three decimals (the dinar's); a euro amount keeps the euro's two
        assertThat(formats.money(amount, "EUR", tag("fr-TN")))
                .isEqualTo("1" + NNBSP + "234,50" + NBSP + "€");
        assertThat(formats.money(new BigDecimal("12.345"), "TND", tag("fr-TN")))
                .as("the dinar's local symbol")
                .isEqualTo("12,345" + NBSP + "DT");
        assertThat(formats.money(amount, "EUR", Locale.ENGLISH)).isEqualTo("€1,234.50");
        assertThat(formats.money(new BigDecimal("0.125"), "EUR", Locale.ENGLISH))
                .as("never rounded")
                .isEqualTo("€0.125");
    }

    @Test
    void datesAndNumbersFollowTheLocale() {
        Instant march12 = Instant.parse("2026-03-12T10:00:00Z");
        assertThat(formats.date(march12, tag("fr-BE"))).isEqualTo("12 mars 2026");
        assertThat(formats.date(march12, Locale.ENGLISH)).isEqualTo("March 12, 2026");
        assertThat(formats.day(LocalDate.of(2026, 3, 12), tag("fr-MA"))).isEqualTo("12 mars 2026");
        assertThat(formats.dateTime(march12, tag("fr-FR"))).isEqualTo("12/03/2026 11:00");
        assertThat(formats.number(new BigDecimal("1234567.891"), tag("fr-MA")))
                .isEqualTo("1.234.567,891");
        assertThat(formats.number(new BigDecimal("1234567.891"), Locale.ENGLISH))
                .isEqualTo("1,234,567.891");
        assertThat(formats.country("MA", tag("fr-FR"))).isEqualTo("Maroc");
        assertThat(formats.country("TN", Locale.ENGLISH)).isEqualTo("Tunisia");
    }

    @Test
    void theLanguageIsFrenchUnlessSwitchedAndTheRegionComesFromTheBrowser() {
        ConsoleLocaleResolver resolver = new ConsoleLocaleResolver();
        assertThat(resolver.resolveLocale(request(null))).isEqualTo(tag("fr-FR"));
        assertThat(resolver.resolveLocale(request("fr-BE,fr;q=0.8"))).isEqualTo(tag("fr-BE"));
        assertThat(resolver.resolveLocale(request("ar-MA,fr-MA;q=0.9"))).isEqualTo(tag("fr-MA"));
        assertThat(resolver.resolveLocale(request("fr-CA"))).isEqualTo(tag("fr-FR"));
        assertThat(resolver.resolveLocale(request("en-US,en")))
                .as("French first; English is the switch")
                .isEqualTo(tag("fr-FR"));
        assertThat(resolver.resolveLocale(request("en-GB,fr-BE;q=0.5"))).isEqualTo(tag("fr-BE"));
        assertThat(resolver.resolveLocale(request("de-DE"))).isEqualTo(tag("fr-FR"));

        // a Tunisian browser switches to English and back to French: the region comes back from the
        // browser
        MockHttpServletRequest tunis = request("fr-TN,fr;q=0.9,en;q=0.5");
        MockHttpServletResponse response = new MockHttpServletResponse();
        resolver.setLocale(tunis, response, Locale.ENGLISH);
        assertThat(response.getCookie("console_lang").getValue()).isEqualTo("en");
        MockHttpServletResponse back = new MockHttpServletResponse();
        resolver.setLocale(tunis, back, Locale.FRENCH);
        assertThat(back.getCookie("console_lang").getValue()).isEqualTo("fr-TN");
        assertThat(ConsoleLocaleResolver.supported(Locale.GERMAN)).isNull();
    }

    private static MockHttpServletRequest request(String acceptLanguage) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        if (acceptLanguage != null) {
            request.addHeader("Accept-Language", acceptLanguage);
            request.setPreferredLocales(
                    java.util.Arrays.stream(acceptLanguage.split(","))
                            .map(s -> Locale.forLanguageTag(s.split(";")[0].trim()))
                            .toList());
        }
        return request;
    }

    private static Locale tag(String tag) {
        return Locale.forLanguageTag(tag);
    }
}
