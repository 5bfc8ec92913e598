package coop.cluster.web.manage;

import java.util.List;

/**
 * What a manager's confirmation page says before an important act: its heading and consequence
 * (bundle keys with their arguments), where the form posts, whether it asks for a reason, and where
 * "cancel" goes.
 *
 * @param reason "none", "optional" or "required"
 */
public record Confirmation(
        String headingKey,
        Object[] headingArgs,
        String consequenceKey,
        Object[] consequenceArgs,
        String action,
        String buttonKey,
        String cancel,
        String reason,
        boolean danger,
        Long version,
        List<Fact> facts) {

    /** One line of what the act concerns: a bundle key for its label, and its value. */
    public record Fact(String labelKey, String value) {}
}
