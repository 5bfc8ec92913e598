package coop.cluster.project.project.web;

import coop.cluster.project.project.domain.Needs;
import coop.cluster.project.project.domain.ProjectDetails;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A project's details as a client sends them. */
record ProjectRequest(
        @NotBlank @Size(max = 200) String title,
        @Size(max = 5000) String description,
        @Size(max = 100) String theme,
        @Size(max = 30) List<@NotBlank @Size(max = 60) String> neededCompetences,
        @Size(max = 20) List<@Valid NeededResource> neededResources,
        @Size(max = 100) String targetCallId) {

    /**
     * @param type PREMISES, EQUIPMENT, EXPERTISE, SERVICES or CONTACTS
     */
    record NeededResource(@NotBlank String type, @Size(max = 500) String description) {}

    /**
     * @throws coop.cluster.plumbing.domain.RuleViolation if a resource type is unknown
     */
    ProjectDetails toDetails() {
        return new ProjectDetails(
                title,
                description,
                theme,
                new Needs(
                        neededCompetences,
                        neededResources == null
                                ? List.of()
                                : neededResources.stream()
                                        .map(r -> new Needs.Resource(r.type(), r.description()))
                                        .toList()),
                targetCallId);
    }
}
