package coop.cluster.web.finance;

import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Ids the finance pages pass on to the API: letters, digits and dashes only; 404 otherwise. */
public final class FinanceIds {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private FinanceIds() {}

    public static String checked(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return id;
    }
}
