package coop.cluster.notification.notify;

import java.util.Locale;

/**
 * An argument given by the event in French and English (an exchange event's title): the person's
 * language's, or the other one when that one is missing.
 */
public record Localized(String fr, String en) {

    public String in(Locale language) {
        boolean english = Locale.ENGLISH.getLanguage().equals(language.getLanguage());
        String first = english ? en : fr;
        String other = english ? fr : en;
        return first != null && !first.isBlank() ? first : other == null ? "" : other;
    }
}
