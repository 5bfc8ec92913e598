package coop.cluster.auth.people.domain;

import java.util.Locale;
import java.util.Optional;

/** The languages the platform speaks to a person in: mails, pages, problems. */
public enum Language {
    FR,
    EN;

    /** {@code fr} or {@code en}, as the API, the events and the {@code locale} claim write it. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Locale locale() {
        return Locale.forLanguageTag(code());
    }

    public static Optional<Language> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (Language language : values()) {
            if (language.code().equalsIgnoreCase(code.trim())) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /** French for a French locale, English for any other. */
    public static Language of(Locale locale) {
        return locale != null && "fr".equals(locale.getLanguage()) ? FR : EN;
    }
}
