package coop.cluster.membership.member.web;

import coop.cluster.membership.member.domain.Member;
import coop.cluster.membership.member.domain.Profile;
import java.time.Instant;
import java.util.List;

/**
 * A member as the public page shows it, to anyone: what an organisation publishes about itself by
 * choosing to be listed. Never its id, registration number, contacts, size, status or history.
 *
 * @param memberSince when it was admitted
 */
record PublicMemberView(
        String legalName,
        String country,
        String region,
        List<String> sectors,
        String organisationType,
        String website,
        String description,
        Instant memberSince) {

    static PublicMemberView of(Member member) {
        Profile p = member.profile();
        return new PublicMemberView(
                p.legalName(),
                p.country(),
                p.region(),
                p.sectors(),
                p.organisationType().name(),
                p.website(),
                p.description(),
                member.admittedAt());
    }
}
