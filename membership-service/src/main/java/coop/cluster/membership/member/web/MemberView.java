package coop.cluster.membership.member.web;

import coop.cluster.membership.member.domain.Member;
import coop.cluster.membership.member.domain.Profile;
import java.time.Instant;
import java.util.List;

/**
 * A member as the API shows it. {@code version} is also sent as the {@code ETag}. The profile shows
 * {@code listedPublicly}, the member's choice to be on the public page, where the profile request
 * takes it.
 */
record MemberView(
        String id,
        String status,
        String statusReason,
        Instant appliedAt,
        Instant admittedAt,
        Instant statusChangedAt,
        ProfileView profile,
        DelegateView delegate,
        NomineeView nominee,
        long version) {

    record ProfileView(
            String legalName,
            String registrationNumber,
            String country,
            String region,
            List<String> sectors,
            String organisationType,
            String sizeBand,
            List<String> competences,
            List<ResourceView> offeredResources,
            List<ContactView> contacts,
            String description,
            String website,
            boolean listedPublicly) {}

    record ResourceView(String type, String description) {}

    record ContactView(String name, String role, String email, String phone) {}

    record DelegateView(String subject, String name, String email, Instant appointedAt) {}

    /** Nominated as the member's delegate, and not accepted yet. */
    record NomineeView(String subject, String name, String email, Instant nominatedAt) {}

    static MemberView of(Member member) {
        Profile p = member.profile();
        var profile =
                new ProfileView(
                        p.legalName(),
                        p.registrationNumber(),
                        p.country(),
                        p.region(),
                        p.sectors(),
                        p.organisationType().name(),
                        p.sizeBand().name(),
                        p.competences(),
                        p.offeredResources().stream()
                                .map(r -> new ResourceView(r.type().name(), r.description()))
                                .toList(),
                        p.contacts().stream()
                                .map(c -> new ContactView(c.name(), c.role(), c.email(), c.phone()))
                                .toList(),
                        p.description(),
                        p.website(),
                        member.listedPublicly());
        var d = member.delegate();
        var n = member.nominee();
        return new MemberView(
                member.id().value(),
                member.status().name(),
                member.statusReason(),
                member.appliedAt(),
                member.admittedAt(),
                member.statusChangedAt(),
                profile,
                d == null
                        ? null
                        : new DelegateView(d.subject(), d.name(), d.email(), d.appointedAt()),
                n == null
                        ? null
                        : new NomineeView(n.subject(), n.name(), n.email(), n.appointedAt()),
                member.version() == null ? 0 : member.version());
    }
}
