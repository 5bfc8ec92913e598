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
 * {@code notification-messages*.properties}, put in the Thymeleaf templates {@code templates/mail/notification.txt}
 * and {@code .html}. Instants are shown in UTC, said so; dates and instants in the language's long form.
 */
public class Renderer {

    static final String TEMPLATE = "mail/notification";

    private static final Map<Locale, DateTimeFormatter> DATES = Map.of(
            Locale.FRENCH, DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH),
            Locale.ENGLISH, DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH));
    private static final Map<Locale, DateTimeFormatter> INSTANTS = Map.of(
            Locale.FRENCH, DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH:mm 'UTC'", Locale.FRENCH)
                    .withZone(ZoneOffset.UTC),
            Locale.ENGLISH, DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH)
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
     * @param arguments   the kind's arguments by name ({@link Kind#arguments()}); a missing one shows as empty
     * @param link        the page of the web console the notification is about
     * @param unsubscribe the one-click unsubscribe link of a non-essential kind, or null
     */
    public Rendered render(Kind kind, Locale locale, String displayName, Map<String, ?> arguments, String link,
                           String unsubscribe) {
        Locale language = Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.FRENCH;
        Object[] args = arguments(kind, arguments, language);
        String subject = messages.getMessage("notification." + kind.code() + ".subject", args, language);
        String summary = messages.getMessage("notification." + kind.code() + ".body", args, language);
        String action = messages.getMessage("notification." + kind.code() + ".action", null,
                messages.getMessage("mail.open", null, language), language);
        Map<String, Object> variables = new HashMap<>();
        variables.put("name", displayName == null ? "" : displayName);
        variables.put("subject", subject);
        variables.put("body", summary);
        variables.put("action", action);
        variables.put("link", link);
        variables.put("unsubscribe", unsubscribe);
        Context context = new Context(language, variables);
        return new Rendered(subject, summary, templates.process(TEMPLATE + ".txt", context),
                templates.process(TEMPLATE + ".html", context));
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
            case Phrase phrase -> messages.getMessage(phrase.key(), null, phrase.key(), language);
            default -> value.toString();
        };
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String suffix, int order) {
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
