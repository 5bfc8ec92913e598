package coop.cluster.project.member;

import java.util.List;

/**
 * project-service's own copy of the membership events it reads: only the fields it needs; unknown
 * fields are ignored, so membership can add fields without breaking this service.
 */
final class MembershipEvents {

    static final String TOPIC = "membership.members";
    static final String PREFIX = "cluster.membership.member.";

    /** The member events that carry the profile (after {@code PREFIX}). */
    static final List<String> WITH_PROFILE =
            List.of("applied.v1", "admitted.v1", "profile-changed.v1");

    /** The member events that change the status only. */
    static final List<String> STATUS_CHANGES =
            List.of("suspended.v1", "reinstated.v1", "rejected.v1", "left.v1", "excluded.v1");

    /** The public profile as membership publishes it. */
    record Profile(
            String legalName,
            String country,
            String region,
            List<String> sectors,
            String organisationType,
            String sizeBand,
            List<String> competences,
            List<Resource> offeredResources,
            String description,
            String website) {}

    record Resource(String type, String description) {}

    /**
     * applied, admitted and profile-changed carry the profile; {@code status} is the member's
     * status after the event (APPLIED, ACTIVE, SUSPENDED, REJECTED, LEFT or EXCLUDED), as every
     * member lifecycle event carries it.
     */
    record WithProfile(String memberId, Profile profile, String status) {}

    /**
     * suspended, reinstated, rejected, left, excluded: the member and its status after the event.
     */
    record StatusChange(String memberId, String status) {}

    private MembershipEvents() {}
}
