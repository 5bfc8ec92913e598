package coop.cluster.fundingwatch.profile;

import java.util.List;

/**
 * funding-watch's own copy of the project events it reads (topic {@code project.projects}, key: the
 * project id): only the fields the matching view needs. Unknown fields are ignored, so
 * project-service can add fields without breaking this service; the agreement events are not read
 * at all. The contract is project-service's "Events published".
 */
final class ProjectEvents {

    static final String TOPIC = "project.projects";
    static final String PROJECT_PREFIX = "cluster.project.project.";
    static final String PARTNER_PREFIX = "cluster.project.partner.";

    /**
     * The whole state of a project as its created and updated events carry it; {@code partners} are
     * member ids.
     */
    record State(
            String title,
            String description,
            String theme,
            List<String> neededCompetences,
            List<NeededResource> neededResources,
            String targetCallId,
            String status,
            List<String> partners) {}

    record NeededResource(String type, String description) {}

    /** project created and project updated ({@code leaderId} is the leader after the change). */
    record Changed(String projectId, String leaderId, State project) {}

    /** project closed, project abandoned. */
    record Ended(String projectId) {}

    /** partner joined, partner left. */
    record PartnerChange(String projectId, String memberId) {}

    private ProjectEvents() {}
}
