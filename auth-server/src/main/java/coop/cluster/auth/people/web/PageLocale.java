package coop.cluster.auth.people.web;

import coop.cluster.auth.people.domain.Language;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of the issuer's pages and answers: the {@code lang} parameter ({@code fr}, {@code
 * en}: the links in the mails carry the recipient's, the forms carry it on) or else {@code
 * Accept-Language}; French or English, English by default. Stateless: no cookie, no session.
 */
class PageLocale implements LocaleResolver {

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return Language.fromCode(request.getParameter("lang"))
                .orElseGet(
                        () ->
                                request.getHeader("Accept-Language") == null
                                        ? Language.EN
                                        : Language.of(request.getLocale()))
                .locale();
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        throw new UnsupportedOperationException(
                "the language is chosen per request: the lang parameter");
    }
}
