package coop.cluster.web.call;

import coop.cluster.web.api.ClusterApi;
import coop.cluster.web.i18n.Formats;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A call's changes in the reader's words: each field named ({@code calls.changes.field.*}), its
 * values before and after formatted as the rest of the page shows them (dates, money, countries,
 * status and kind in words).
 */
@Component
class CallChanges {

    private final Formats formats;
    private final MessageSource messages;

    CallChanges(Formats formats, MessageSource messages) {
        this.formats = formats;
        this.messages = messages;
    }

    /** One change as the page shows it. */
    record Entry(Instant at, String when, String closedReason, List<Line> lines) {}

    /**
     * One field's change: {@code before → after}; only {@code after} for something added, only
     * {@code before} for something removed, neither when only the fact is kept (the description).
     */
    record Line(String label, String before, String after) {

        public boolean both() {
            return before != null && after != null;
        }
    }

    ClusterApi.Page<Entry> of(ClusterApi.Page<CallApi.Change> page, Locale locale) {
        return new ClusterApi.Page<>(
                page.content().stream().map(change -> entry(change, locale)).toList(), page.page());
    }

    private Entry entry(CallApi.Change change, Locale locale) {
        List<Line> lines = new ArrayList<>();
        for (CallApi.FieldChange field : change.fields()) {
            lines.add(line(field, locale));
        }
        return new Entry(
                change.at(), formats.dateTime(change.at(), locale), change.closedReason(), lines);
    }

    private Line line(CallApi.FieldChange change, Locale locale) {
        String field = change.field() == null ? "" : change.field();
        Object before = change.before();
        Object after = change.after();
        return switch (field) {
            case "deadline" -> {
                String label =
                        before == null
                                ? "calls.changes.field.deadline.added"
                                : after == null
                                        ? "calls.changes.field.deadline.removed"
                                        : "calls.changes.field.deadline";
                String[] texts = instants(before, after, locale);
                yield new Line(label(label, field, locale), texts[0], texts[1]);
            }
            case "openingDate" -> {
                String[] texts = instants(before, after, locale);
                yield new Line(
                        label("calls.changes.field." + field, field, locale),
                        orEmpty(texts[0], locale),
                        orEmpty(texts[1], locale));
            }
            case "description" ->
                    new Line(label("calls.changes.field." + field, field, locale), null, null);
            default ->
                    new Line(
                            label("calls.changes.field." + field, field, locale),
                            orEmpty(text(field, before, locale), locale),
                            orEmpty(text(field, after, locale), locale));
        };
    }

    /** Two instants as dates; with the time too when the dates alone would read the same. */
    private String[] instants(Object before, Object after, Locale locale) {
        Instant from = instant(before);
        Instant to = instant(after);
        boolean sameDay =
                from != null
                        && to != null
                        && formats.date(from, locale).equals(formats.date(to, locale));
        return new String[] {
            from == null
                    ? null
                    : sameDay ? formats.dateTime(from, locale) : formats.date(from, locale),
            to == null ? null : sameDay ? formats.dateTime(to, locale) : formats.date(to, locale)
        };
    }

    private String text(String field, Object value, Locale locale) {
        if (value == null) {
            return null;
        }
        return switch (field) {
            case "budget" ->
                    value instanceof Map<?, ?> budget ? money(budget, locale) : value.toString();
            case "status" -> label("calls.status." + value, value.toString(), locale);
            case "kind" -> label("calls.kind." + value, value.toString(), locale);
            case "eligibleCountries", "placesOfDelivery" ->
                    value instanceof List<?> codes
                            ? join(
                                    codes.stream()
                                            .map(
                                                    code ->
                                                            formats.country(
                                                                    Objects.toString(code), locale))
                                            .toList())
                            : value.toString();
            default ->
                    value instanceof List<?> items
                            ? join(items.stream().map(Objects::toString).toList())
                            : value.toString();
        };
    }

    private String money(Map<?, ?> budget, Locale locale) {
        Object amount = budget.get("amount");
        Object currency = budget.get("currency");
        try {
            return formats.money(
                    new BigDecimal(Objects.toString(amount)), Objects.toString(currency), locale);
        } catch (IllegalArgumentException unreadable) {
            return amount + " " + currency;
        }
    }

    private String orEmpty(String text, Locale locale) {
        return text == null || text.isBlank() ? label("calls.changes.empty", "—", locale) : text;
    }

    private static String join(List<String> items) {
        return items.isEmpty() ? null : String.join(", ", items);
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.toString());
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    private String label(String key, String otherwise, Locale locale) {
        return messages.getMessage(key, null, otherwise, locale);
    }
}
