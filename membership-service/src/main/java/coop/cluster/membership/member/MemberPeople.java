package coop.cluster.membership.member;

import coop.cluster.membership.member.domain.MemberId;

/**
 * What the members need to know about people: whether someone is one of a member organisation's
 * people. The identity service owns people; membership learns them from its events (the {@code
 * people} feature's view).
 */
public interface MemberPeople {

    /** Whether the person {@code subject} (their tokens' {@code sub}) belongs to {@code member}. */
    boolean isPersonOf(MemberId member, String subject);
}
