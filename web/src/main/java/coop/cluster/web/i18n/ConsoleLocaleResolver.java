package coop.cluster.web.i18n;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The reader's locale: French or English for the texts, and the region for dates, numbers and money
 * (fr-BE, fr-FR, fr-MA, fr-TN, en). The language switch ({@code ?lang=en}, {@code ?lang=fr}, or a
 * full tag such as {@code ?lang=fr-BE}) is kept in the cookie {@code console_lang}; a bare language
 * takes its region from the browser's {@code Accept-Language} when it names a supported one (a
 * Belgian browser switching back to French gets fr-BE). Without a cookie the console speaks French
 * (the cluster's language; English is one click away), in the region of the browser's first French
 * locale we serve (fr-BE, fr-MA, fr-TN), else fr-FR.
 */
public final class ConsoleLocaleResolver extends CookieLocaleResolver {

    /** The locales whose formats the console uses; the texts exist in French and English. */
    public static final List<Locale> SUPPORTED =
            List.of(
                    Locale.forLanguageTag("fr-FR"),
                    Locale.forLanguageTag("fr-BE"),
                    Locale.forLanguageTag("fr-MA"),
                    Locale.forLanguageTag("fr-TN"),
                    Locale.ENGLISH);

    static final Locale DEFAULT = Locale.forLanguageTag("fr-FR");

    public ConsoleLocaleResolver() {
        super("console_lang");
        setCookieMaxAge(Duration.ofDays(365));
        setCookieHttpOnly(true);
        setCookieSameSite("Lax");
        setDefaultLocaleFunction(ConsoleLocaleResolver::fromBrowser);
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        super.setLocale(
                request,
                response,
                locale == null ? null : withBrowserRegion(request, supported(locale)));
    }

    /**
     * The supported locale for a tag: itself, or its language (fr-CA → fr-FR, en-US → en); null if
     * no language fits.
     */
    public static Locale supported(Locale locale) {
        if (locale == null) {
            return null;
        }
        for (Locale candidate : SUPPORTED) {
            if (candidate.equals(locale)) {
                return candidate;
            }
        }
        if (!locale.getCountry().isEmpty() || !locale.getVariant().isEmpty()) {
            return "fr".equals(locale.getLanguage())
                    ? DEFAULT
                    : "en".equals(locale.getLanguage()) ? Locale.ENGLISH : null;
        }
        return "fr".equals(locale.getLanguage())
                ? Locale.FRENCH
                : "en".equals(locale.getLanguage()) ? Locale.ENGLISH : null;
    }

    /**
     * A bare language ("fr") takes the region of the browser's first language of the same kind, if
     * supported.
     */
    private static Locale withBrowserRegion(HttpServletRequest request, Locale locale) {
        if (locale == null || !locale.getCountry().isEmpty()) {
            return locale;
        }
        return browserLocales(request).stream()
                .filter(l -> l.getLanguage().equals(locale.getLanguage()) && SUPPORTED.contains(l))
                .findFirst()
                .orElse("fr".equals(locale.getLanguage()) ? DEFAULT : locale);
    }

    /**
     * French, as the issue of the console asks, in the region of the browser's first French locale
     * we serve.
     */
    private static Locale fromBrowser(HttpServletRequest request) {
        return withBrowserRegion(request, Locale.FRENCH);
    }

    private static List<Locale> browserLocales(HttpServletRequest request) {
        return request.getHeader("Accept-Language") == null
                ? List.of()
                : Collections.list(request.getLocales());
    }
}
