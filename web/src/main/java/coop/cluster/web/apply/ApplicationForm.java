package coop.cluster.web.apply;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a person types to apply for their organisation, as the form holds it (kept as typed when the
 * API refuses it). Lists are typed comma-separated.
 */
public record ApplicationForm(
        String legalName,
        String registrationNumber,
        String country,
        String region,
        String organisationType,
        String sizeBand,
        String sectors,
        String competences,
        String description,
        String website,
        Boolean listedPublicly) {

    public ApplicationForm {
        listedPublicly = Boolean.TRUE.equals(listedPublicly);
    }

    static ApplicationForm empty() {
        return new ApplicationForm("", "", "", "", "SME", "SMALL", "", "", "", "", false);
    }

    /** The body of {@code POST /api/members/applications}; blank optional fields are left out. */
    Map<String, Object> body() {
        LinkedHashMap<String, Object> body = new LinkedHashMap<>();
        body.put("legalName", trim(legalName));
        body.put("registrationNumber", trim(registrationNumber));
        body.put("country", trim(country));
        if (!trim(region).isEmpty()) {
            body.put("region", trim(region));
        }
        body.put("organisationType", trim(organisationType));
        body.put("sizeBand", trim(sizeBand));
        body.put("sectors", list(sectors));
        body.put("competences", list(competences));
        if (!trim(description).isEmpty()) {
            body.put("description", trim(description));
        }
        if (!trim(website).isEmpty()) {
            body.put("website", trim(website));
        }
        body.put("listedPublicly", listedPublicly);
        return body;
    }

    private static List<String> list(String typed) {
        return typed == null
                ? List.of()
                : Arrays.stream(typed.split("[,;]"))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }
}
