package coop.cluster.fundingwatch.profile;

import java.time.Instant;
import java.util.List;

/**
 * A member as funding-watch knows it from membership's events: where it stands and the parts of its
 * public profile that calls are matched against.
 *
 * @param status APPLIED, ACTIVE, SUSPENDED, REJECTED, LEFT or EXCLUDED
 * @param country ISO 3166-1 alpha-2
 * @param region NUTS code, or null
 * @param sectors NACE Rev. 2 codes with their section, e.g. {@code J62.01}
 * @param updatedAt when the view last changed this member
 */
public record MemberProfile(
        String memberId,
        String status,
        String legalName,
        String country,
        String region,
        List<String> sectors,
        List<String> competences,
        String description,
        Instant updatedAt) {

    public MemberProfile {
        sectors = sectors == null ? List.of() : List.copyOf(sectors);
        competences = competences == null ? List.of() : List.copyOf(competences);
    }

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
