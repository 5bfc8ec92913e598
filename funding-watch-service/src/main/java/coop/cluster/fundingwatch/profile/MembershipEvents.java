package coop.cluster.fundingwatch.profile;

import java.util.List;

/**
 * funding-watch's own copy of the membership events it reads (topics {@code membership.members},
 * key: the member id, and {@code membership.groups}, key: the group id): only the fields the
 * matching view needs. Unknown fields are ignored, so membership can add fields without breaking
 * this service. The contract is membership-service's "Events published".
 */
final class MembershipEvents {

    static final String MEMBERS_TOPIC = "membership.members";
    static final String MEMBER_PREFIX = "cluster.membership.member.";

    /** The member events that carry the profile (after {@code MEMBER_PREFIX}). */
    static final List<String> WITH_PROFILE =
            List.of("applied.v1", "admitted.v1", "profile-changed.v1");

    /** The member events that change the status only. */
    static final List<String> STATUS_CHANGES =
            List.of("suspended.v1", "reinstated.v1", "rejected.v1", "left.v1", "excluded.v1");

    static final String GROUPS_TOPIC = "membership.groups";
    static final String GROUP_PREFIX = "cluster.membership.group.";

    /** The part of the public profile that calls are matched against. */
    record Profile(
            String legalName,
            String country,
            String region,
            List<String> sectors,
            List<String> competences,
            String description) {}

    /**
     * applied, admitted and profile-changed carry the whole public profile, applied also the legal
     * name and country outside the profile. Like every member lifecycle event, each carries {@code
     * status}: the member's status after the event (APPLIED, ACTIVE, SUSPENDED, REJECTED, LEFT or
     * EXCLUDED).
     */
    record WithProfile(
            String memberId, String status, String legalName, String country, Profile profile) {}

    /**
     * suspended, reinstated, rejected, left, excluded: the member and its status after the event.
     */
    record StatusChange(String memberId, String status) {}

    /** group created: {@code interests} are the tags funding-call matching uses. */
    record GroupCreated(String groupId, String name, String description, List<String> interests) {}

    /** group membership-changed: {@code change} is {@code JOINED} or {@code LEFT}. */
    record GroupMembershipChanged(String groupId, String memberId, String change) {}

    private MembershipEvents() {}
}
