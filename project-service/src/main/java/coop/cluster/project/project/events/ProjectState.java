package coop.cluster.project.project.events;

import coop.cluster.project.project.domain.Project;
import java.time.Instant;
import java.util.List;

/**
 * A project as its events carry it: what it is, seeks and aims at, and who takes part.
 *
 * @param targetCallClosedAt when the target funding call closed, as funding-watch announced it;
 *     null while open
 */
public record ProjectState(
        String title,
        String description,
        String theme,
        List<String> neededCompetences,
        List<NeededResource> neededResources,
        String targetCallId,
        String status,
        List<String> partners,
        String proposedLeader,
        Instant targetCallClosedAt) {

    public record NeededResource(String type, String description) {}

    public static ProjectState of(Project project) {
        var d = project.details();
        return new ProjectState(
                d.title(),
                d.description(),
                d.theme(),
                d.needs().competences(),
                d.needs().resources().stream()
                        .map(r -> new NeededResource(r.type(), r.description()))
                        .toList(),
                d.targetCallId(),
                project.status().name(),
                project.partners().stream().map(Project.Partner::memberId).toList(),
                project.proposedLeader(),
                project.targetCallClosedAt());
    }
}
