package coop.cluster.notification.notify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Writes a notification in its person's language (French or English): the texts of its kind from
 * {@code notification-messages*.properties}, put in the Thymeleaf templates {@code
 * templates/mail/notification.txt} and {@code .html}. Instants are shown in UTC, said so; dates and
 * instants in the language's long form.
 */
public class Renderer {

    static final String TEMPLATE = "mail/notification";
    static final String DIGEST_TEMPLATE = "mail/digest";

    private static final Map<Locale, DateTimeFormatter> DATES =
            Map.of(
                    Locale.FRENCH, DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH),
                    Locale.ENGLISH, DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH));
    private static final Map<Locale, DateTimeFormatter> INSTANTS =
            Map.of(
                    Locale.FRENCH,
                            DateTimeFormatter.ofPattern(
                                            "d MMMM yyyy 'à' HH:mm 'UTC'", Locale.FRENCH)
                                    .withZone(ZoneOffset.UTC),
                    Locale.ENGLISH,
                            DateTimeFormatter.ofPattern(
                                            "d MMMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH)
                                    .withZone(ZoneOffset.UTC));

    private final MessageSource messages;
    private final TemplateEngine templates;

    public Renderer() {
        ReloadableResourceBundleMessageSource source = new ReloadableResourceBundleMessageSource();
        source.setBasenames("classpath:notification-messages");
        source.setDefaultEncoding(StandardCharsets.UTF_8.name());
        source.setFallbackToSystemLocale(false);
        source.setAlwaysUseMessageFormat(true);
        this.messages = source;
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt", 1));
        engine.addTemplateResolver(resolver(TemplateMode.HTML, ".html", 2));
        engine.setTemplateEngineMessageSource(source);
        this.templates = engine;
    }

    /**
     * @param arguments the kind's arguments by name ({@link Kind#arguments()}); a missing one shows
     *     as empty
     * @param link the page of the web console the notification is about
     * @param unsubscribe the one-click unsubscribe link of a non-essential kind, or null
     */
    public Rendered render(
            Kind kind,
            Locale locale,
            String displayName,
            Map<String, ?> arguments,
            String link,
            String unsubscribe) {
        Locale language = language(locale);
        Object[] args = arguments(kind, arguments, language);
        String subject =
                messages.getMessage("notification." + kind.code() + ".subject", args, language);
        String summary =
                messages.getMessage("notification." + kind.code() + ".body", args, language);
        String action =
                messages.getMessage(
                        "notification." + kind.code() + ".action",
                        null,
                        messages.getMessage("mail.open", null, language),
                        language);
        Map<String, Object> variables = new HashMap<>();
        variables.put("name", displayName == null ? "" : displayName);
        variables.put("subject", subject);
        variables.put("body", summary);
        variables.put("action", action);
        variables.put("link", link);
        variables.put("unsubscribe", unsubscribe);
        Context context = new Context(language, variables);
        return new Rendered(
                subject,
                summary,
                templates.process(TEMPLATE + ".txt", context),
                templates.process(TEMPLATE + ".html", context));
    }

    /** One notice listed in a digest, as it was written for the person. */
    public record DigestItem(Kind kind, String title, String summary, String link, Instant at) {}

    /**
     * Writes a digest: the notices gathered for one person, listed in their language (grouped by
     * kind in a daily or weekly digest), with links to their inbox and to the choice of how they
     * get each kind.
     *
     * @param period {@code burst} (several notices of {@code burstKind} within a short time),
     *     {@code daily} or {@code weekly}
     * @param items the notices listed, oldest first
     * @param total how many notices the digest holds; those beyond {@code items} are counted, not
     *     listed
     * @param unsubscribe the one-click link when every notice is of one non-essential kind, or null
     */
    public Rendered renderDigest(
            String period,
            Kind burstKind,
            Locale locale,
            String displayName,
            List<DigestItem> items,
            int total,
            String inboxLink,
            String preferencesLink,
            String unsubscribe) {
        Locale language = language(locale);
        String subject;
        if ("burst".equals(period) && burstKind != null) {
            String label =
                    messages.getMessage(
                            "kind." + burstKind.code(), null, burstKind.code(), language);
            subject =
                    messages.getMessage(
                            "notification." + burstKind.code() + ".burst",
                            new Object[] {total},
                            messages.getMessage(
                                    "digest.burst.subject", new Object[] {total, label}, language),
                            language);
        } else {
            subject =
                    messages.getMessage(
                            "digest." + period + ".subject", new Object[] {total}, language);
        }
        String intro = messages.getMessage("digest." + period + ".intro", null, language);
        Map<Kind, List<Map<String, Object>>> byKind = new java.util.EnumMap<>(Kind.class);
        for (DigestItem item : items) {
            Map<String, Object> listed = new HashMap<>();
            listed.put("title", item.title());
            listed.put("summary", item.summary());
            listed.put("link", item.link());
            listed.put("at", item.at() == null ? "" : INSTANTS.get(language).format(item.at()));
            byKind.computeIfAbsent(item.kind(), k -> new java.util.ArrayList<>()).add(listed);
        }
        List<Map<String, Object>> groups = new java.util.ArrayList<>();
        byKind.forEach(
                (kind, listed) ->
                        groups.add(
                                Map.of(
                                        "label",
                                        messages.getMessage(
                                                "kind." + kind.code(), null, kind.code(), language),
                                        "items",
                                        listed)));
        Map<String, Object> variables = new HashMap<>();
        variables.put("name", displayName == null ? "" : displayName);
        variables.put("subject", subject);
        variables.put("intro", intro);
        variables.put("groups", groups);
        variables.put("headings", !"burst".equals(period));
        variables.put("more", Math.max(0, total - items.size()));
        variables.put("inbox", inboxLink);
        variables.put("preferences", preferencesLink);
        variables.put("unsubscribe", unsubscribe);
        Context context = new Context(language, variables);
        return new Rendered(
                subject,
                intro,
                templates.process(DIGEST_TEMPLATE + ".txt", context),
                templates.process(DIGEST_TEMPLATE + ".html", context));
    }

    private static Locale language(Locale locale) {
        return Locale.ENGLISH.getLanguage().equals(locale.getLanguage())
                ? Locale.ENGLISH
                : Locale.FRENCH;
    }

    Object[] arguments(Kind kind, Map<String, ?> values, Locale language) {
        List<String> names = kind.arguments();
        Object[] args = new Object[names.size()];
        for (int i = 0; i < names.size(); i++) {
            args[i] = format(values.get(names.get(i)), language);
        }
        return args;
    }

    private String format(Object value, Locale language) {
        return switch (value) {
            case null -> "";
            case Instant instant -> INSTANTS.get(language).format(instant);
            case LocalDate date -> DATES.get(language).format(date);
            case Localized text -> text.in(language);
            case Phrase phrase ->
                    messages.getMessage(
                            phrase.key(),
                            phrase.args().isEmpty()
                                    ? null
                                    : phrase.args().stream()
                                            .map(arg -> format(arg, language))
                                            .toArray(),
                            phrase.key(),
                            language);
            default -> value.toString();
        };
    }

    private static ClassLoaderTemplateResolver resolver(
            TemplateMode mode, String suffix, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setResolvablePatterns(Set.of("*" + suffix));
        resolver.setCheckExistence(true);
        resolver.setOrder(order);
        return resolver;
    }
}
