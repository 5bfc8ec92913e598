package coop.cluster.project.member;

import java.util.List;

/**
 * A member as project-service knows it from membership's events: where it stands and its public
 * profile.
 *
 * @param status APPLIED, ACTIVE, SUSPENDED, REJECTED, LEFT or EXCLUDED
 */
public record MemberView(
        String memberId,
        String status,
        String legalName,
        String country,
        String region,
        List<String> sectors,
        String organisationType,
        String sizeBand,
        List<String> competences,
        List<Resource> offeredResources,
        String description) {

    public record Resource(String type, String description) {}

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
