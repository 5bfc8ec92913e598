package coop.cluster.fundingwatch.profile;

import java.time.Instant;
import java.util.List;

/**
 * A cooperation project as funding-watch knows it from project-service's events: its theme and
 * needs, and who takes part.
 *
 * @param status DRAFT, FORMING, ACTIVE, CLOSED or ABANDONED
 * @param neededResources the descriptions of the resources it needs, each prefixed by its type
 *     ({@code type: text})
 * @param partners the ids of its partner organisations, the leader included
 * @param updatedAt when the view last changed this project
 */
public record ProjectProfile(
        String projectId,
        String leaderId,
        String title,
        String description,
        String theme,
        List<String> neededCompetences,
        List<String> neededResources,
        String targetCallId,
        String status,
        List<String> partners,
        Instant updatedAt) {

    public ProjectProfile {
        neededCompetences = neededCompetences == null ? List.of() : List.copyOf(neededCompetences);
        neededResources = neededResources == null ? List.of() : List.copyOf(neededResources);
        partners = partners == null ? List.of() : List.copyOf(partners);
    }

    /** Still looking for partners and funding: a draft or a forming project. */
    public boolean isForming() {
        return "DRAFT".equals(status) || "FORMING".equals(status);
    }
}
