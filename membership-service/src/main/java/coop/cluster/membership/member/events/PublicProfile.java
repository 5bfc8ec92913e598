package coop.cluster.membership.member.events;

import coop.cluster.membership.member.domain.Member;
import coop.cluster.membership.member.domain.Profile;
import java.util.List;

/**
 * The part of a member's profile other services may keep in their views: what matching and partner
 * suggestions use. Contact persons and the registration number stay in membership-service.
 *
 * @param listedPublicly whether the organisation chose to be listed on the cluster's public page
 *     (added to v1: consumers ignore what they do not know, and an event without it reads as false)
 */
public record PublicProfile(
        String legalName,
        String country,
        String region,
        List<String> sectors,
        String organisationType,
        String sizeBand,
        List<String> competences,
        List<Resource> offeredResources,
        String description,
        String website,
        boolean listedPublicly) {

    public record Resource(String type, String description) {}

    public static PublicProfile of(Member member) {
        return of(member.profile(), member.listedPublicly());
    }

    public static PublicProfile of(Profile p, boolean listedPublicly) {
        return new PublicProfile(
                p.legalName(),
                p.country(),
                p.region(),
                p.sectors(),
                p.organisationType().name(),
                p.sizeBand().name(),
                p.competences(),
                p.offeredResources().stream()
                        .map(r -> new Resource(r.type().name(), r.description()))
                        .toList(),
                p.description(),
                p.website(),
                listedPublicly);
    }
}
