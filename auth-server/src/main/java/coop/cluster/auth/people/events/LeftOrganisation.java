package coop.cluster.auth.people.events;

import coop.cluster.plumbing.events.IntegrationEvent;

/**
 * A person no longer belongs to {@code memberId}. {@code reason}: {@code removed} (by a manager or
 * the organisation's admin, {@code by}), {@code member-left} or {@code member-excluded} ({@code by}
 * is then {@code membership}). Topic {@code identity.people}, key: the person id.
 */
@IntegrationEvent(
        type = "cluster.identity.person.left-organisation",
        version = 1,
        topic = PersonInvited.TOPIC)
public record LeftOrganisation(String personId, String memberId, String reason, String by) {

    public static final String REMOVED = "removed";
    public static final String MEMBER_LEFT = "member-left";
    public static final String MEMBER_EXCLUDED = "member-excluded";
}
