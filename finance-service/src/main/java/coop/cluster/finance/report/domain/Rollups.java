package coop.cluster.finance.report.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The few totals a report needs from before its period: each top-level account with everything
 * below it (the bank at the period's start), each partner's contributions to a project ({@code
 * 2500:J:<p>:M:<partner>}) and each project's expenses with everything below ({@code 6400:J:<p>}),
 * for "to date" figures. The projection keeps them per month beside the full detail, so that a
 * report reads only these, small, for the months before its period.
 */
public final class Rollups {

    private static final String CONTRIBUTIONS = "2500:J:";
    private static final String PROJECT_EXPENSES = "6400:J:";

    private Rollups() {}

    /** The rollup keys an account's movements count towards. */
    public static List<String> keysOf(String code) {
        String root = code.length() > 4 ? code.substring(0, 4) : code;
        String[] parts = code.split(":");
        if (code.startsWith(CONTRIBUTIONS) && parts.length >= 5 && "M".equals(parts[3])) {
            return List.of(
                    root, String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4]));
        }
        if (code.startsWith(PROJECT_EXPENSES) && parts.length >= 3) {
            return List.of(root, String.join(":", parts[0], parts[1], parts[2]));
        }
        return List.of(root);
    }

    /** The rollups of movements by exact account code. */
    public static Map<String, Movement> of(Map<String, Movement> byAccount) {
        Map<String, Movement> rollups = new LinkedHashMap<>();
        byAccount.forEach(
                (code, movement) -> {
                    for (String key : keysOf(code)) {
                        rollups.merge(key, movement, Movement::plus);
                    }
                });
        return rollups;
    }
}
