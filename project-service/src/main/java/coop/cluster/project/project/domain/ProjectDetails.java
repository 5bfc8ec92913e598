package coop.cluster.project.project.domain;

import coop.cluster.plumbing.domain.RuleViolation;
import java.util.Objects;

/**
 * What the leader says of the project.
 *
 * @param targetCallId the funding call aimed at, by its id in funding-watch; optional
 */
public record ProjectDetails(
        String title, String description, String theme, Needs needs, String targetCallId) {

    public ProjectDetails {
        if (title == null || title.isBlank()) {
            throw new RuleViolation("project-title-required");
        }
        title = title.strip();
        description = description == null || description.isBlank() ? null : description.strip();
        theme = theme == null || theme.isBlank() ? null : theme.strip();
        needs = Objects.requireNonNullElse(needs, Needs.none());
        targetCallId = targetCallId == null || targetCallId.isBlank() ? null : targetCallId.strip();
    }
}
