package coop.cluster.web.api;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * An API problem in the reader's language, for templates: {@code ${@problems.message(problem,
 * #locale)}} for the form as a whole, {@code ${@problems.field(problem, 'legalName', #locale)}}
 * next to a field. The services' field messages are Bean Validation's English ones; the common ones
 * are translated (required, size, format, range, e-mail), others become a generic "this value is
 * not accepted".
 */
@Component("problems")
public class ProblemMessages {

    private record Rule(Pattern pattern, String key) {}

    private static final List<Rule> RULES =
            List.of(
                    new Rule(
                            Pattern.compile("must not be (blank|null|empty)"),
                            "problem.field.required"),
                    new Rule(
                            Pattern.compile("size must be between (\\d+) and (\\d+)"),
                            "problem.field.size"),
                    new Rule(
                            Pattern.compile("must be a well-formed email address"),
                            "problem.field.email"),
                    new Rule(
                            Pattern.compile("must be greater than or equal to (\\S+)"),
                            "problem.field.min"),
                    new Rule(
                            Pattern.compile("must be less than or equal to (\\S+)"),
                            "problem.field.max"),
                    new Rule(
                            Pattern.compile("must be greater than (\\S+)"),
                            "problem.field.greater"),
                    new Rule(
                            Pattern.compile("must be (positive|greater than 0)"),
                            "problem.field.positive"),
                    new Rule(Pattern.compile("must match .*"), "problem.field.format"),
                    new Rule(
                            Pattern.compile("must be a (future|present).*"),
                            "problem.field.future"));

    private final MessageSource messages;

    ProblemMessages(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * The form's message: the console's {@code problem.<code>} if it has one, else the API's detail
     * (the console asks in the reader's language, {@code Accept-Language}, and the services answer
     * in French or English), else by status, else a generic one.
     */
    public String message(ApiProblem problem, Locale locale) {
        if (problem == null) {
            return "";
        }
        String own =
                messages.getMessage(
                        "problem." + (problem.code().isEmpty() ? "-" : problem.code()),
                        null,
                        null,
                        locale);
        if (own != null) {
            return own;
        }
        if (!problem.detail().isBlank()) {
            return problem.detail();
        }
        for (String key : problem.messageKeys()) {
            String text = messages.getMessage(key, null, null, locale);
            if (text != null) {
                return text;
            }
        }
        return "";
    }

    /** The message to show next to a field, or null when the API said nothing about it. */
    public String field(ApiProblem problem, String field, Locale locale) {
        if (problem == null || !problem.hasField(field)) {
            return null;
        }
        String said = problem.fields().get(field);
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(said);
            if (matcher.find()) {
                Object[] args = new Object[matcher.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = matcher.group(i + 1);
                }
                return messages.getMessage(rule.key(), args, said, locale);
            }
        }
        return messages.getMessage("problem.field.invalid", null, said, locale);
    }
}
