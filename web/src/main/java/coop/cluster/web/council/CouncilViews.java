package coop.cluster.web.council;

import coop.cluster.web.api.ApiProblem;
import coop.cluster.web.i18n.Formats;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the council's and the manager's pages need besides {@code @formats}: a deadline with its
 * time ({@code ${@councilViews.dateTime(instant, #locale)}}), an amount the API sent as a decimal
 * string, and the API's problems named after the form's fields.
 */
@Component("councilViews")
public class CouncilViews {

    /** Ids the console passes on to the API: letters, digits and dashes only. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    /** The API's rule codes that concern one field of the proposal form. */
    private static final Map<String, String> RULE_FIELDS =
            Map.of(
                    "invalid-currency", "currency",
                    "fee-category-missing", "amounts",
                    "fee-amount-precision", "amounts",
                    "fee-amount-range", "amounts",
                    "invalid-exemption-percent", "percent",
                    "invalid-deadline", "deadline",
                    "deadline-in-past", "deadline",
                    "group-name-taken", "name",
                    "unknown-member", "memberId",
                    "member-not-active", "memberId");

    private final Formats formats;
    private final ZoneId zone;

    CouncilViews(Formats formats, @Value("${cluster.web.time-zone:Europe/Paris}") ZoneId zone) {
        this.formats = formats;
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** "7 décembre 2026 à 17:00" / "December 7, 2026, 5:00 PM" in the cluster's time zone. */
    public String dateTime(Instant instant, Locale locale) {
        return instant == null
                ? ""
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                        .withLocale(locale)
                        .withZone(zone)
                        .format(instant);
    }

    /** An amount the API wrote as a decimal string ("450.00"), with its currency. */
    public String money(Object amount, String currency, Locale locale) {
        if (amount == null || currency == null) {
            return "";
        }
        try {
            return formats.money(new BigDecimal(amount.toString()), currency, locale);
        } catch (RuntimeException e) {
            return amount + " " + currency;
        }
    }

    /**
     * The problem with its fields named as the form's: {@code motion.feeYear} → {@code feeYear},
     * {@code motion.amounts[SME]} → {@code amounts}, and a rule code that concerns one field
     * (invalid currency) on that field, with the API's explanation.
     */
    public static ApiProblem onFormFields(ApiProblem problem) {
        Map<String, String> fields = new LinkedHashMap<>();
        problem.fields()
                .forEach(
                        (field, message) -> {
                            String name =
                                    field.startsWith("motion.")
                                            ? field.substring("motion.".length())
                                            : field;
                            int bracket = name.indexOf('[');
                            fields.putIfAbsent(
                                    bracket > 0 ? name.substring(0, bracket) : name, message);
                        });
        String ruleField = RULE_FIELDS.get(problem.code());
        if (ruleField != null) {
            fields.putIfAbsent(ruleField, problem.detail());
        }
        return new ApiProblem(problem.status(), problem.code(), problem.detail(), fields);
    }
}
