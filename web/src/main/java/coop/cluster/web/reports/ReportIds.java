package coop.cluster.web.reports;

import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A report's period as the API names it: a year ({@code 2026}), a quarter ({@code 2026-Q4}) or a
 * month ({@code 2026-11}).
 */
final class ReportIds {

    static final Pattern PERIOD = Pattern.compile("[0-9]{4}(-(0[1-9]|1[0-2]|Q[1-4]))?");

    private ReportIds() {}

    static boolean valid(String id) {
        return id != null && PERIOD.matcher(id).matches();
    }

    /** The id, or 404 when it is not a period's. */
    static String checked(String id) {
        String upper = id == null ? null : id.toUpperCase(Locale.ROOT);
        if (!valid(upper)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return upper;
    }
}
