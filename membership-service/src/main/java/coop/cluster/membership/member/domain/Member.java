package coop.cluster.membership.member.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An organisation that applied to join the cluster. Plain Java: no framework in the domain.
 *
 * <p>Walking skeleton of the foundation: only "apply" exists yet; admission and the lifecycle come with the
 * membership issue.
 */
public record Member(MemberId id, String legalName, String registrationNumber, String country, MemberStatus status,
                     Instant appliedAt, Long version) {

    public Member {
        Objects.requireNonNull(id);
        Objects.requireNonNull(legalName);
        Objects.requireNonNull(registrationNumber);
        Objects.requireNonNull(country);
        Objects.requireNonNull(status);
        Objects.requireNonNull(appliedAt);
    }

    /** An application to join: the member starts in {@link MemberStatus#APPLIED}. */
    public static Member apply(MemberId id, String legalName, String registrationNumber, String country,
                               Instant now) {
        return new Member(id, legalName.strip(), registrationNumber.strip(), country, MemberStatus.APPLIED, now,
                null);
    }
}
