package coop.cluster.project.project.web;

import coop.cluster.project.project.domain.Project;
import java.time.Instant;
import java.util.List;

/**
 * A project as the API shows it.
 *
 * @param targetCallClosedAt set when the funding call the project aims at has closed: the project
 *     is flagged
 */
record ProjectView(
        String id,
        String leaderId,
        String title,
        String description,
        String theme,
        List<String> neededCompetences,
        List<Resource> neededResources,
        String targetCallId,
        String status,
        List<Partner> partners,
        String proposedLeader,
        AgreementView agreement,
        Instant createdAt,
        Instant statusChangedAt,
        String statusReason,
        Instant targetCallClosedAt,
        long version) {

    record Resource(String type, String description) {}

    record Partner(String memberId, String role, Instant joinedAt) {}

    static ProjectView of(Project p) {
        var d = p.details();
        return new ProjectView(
                p.id(),
                p.leader(),
                d.title(),
                d.description(),
                d.theme(),
                d.needs().competences(),
                d.needs().resources().stream()
                        .map(r -> new Resource(r.type(), r.description()))
                        .toList(),
                d.targetCallId(),
                p.status().name(),
                p.partners().stream()
                        .map(x -> new Partner(x.memberId(), x.role(), x.joinedAt()))
                        .toList(),
                p.proposedLeader(),
                AgreementView.of(
                        p.agreement(),
                        p.partners().stream().map(Project.Partner::memberId).toList()),
                p.createdAt(),
                p.statusChangedAt(),
                p.statusReason(),
                p.targetCallClosedAt(),
                p.version());
    }
}
