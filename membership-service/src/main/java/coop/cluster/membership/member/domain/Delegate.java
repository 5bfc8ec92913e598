package coop.cluster.membership.member.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The user who represents a member on the council of delegates. {@code subject} is the user's id at
 * the identity provider (the token's {@code sub}); the user must belong to the member (its token's
 * {@code member_id}) and hold the {@code delegate} role to act on the council, which is checked
 * when they act.
 */
public record Delegate(String subject, String name, String email, Instant appointedAt) {

    public Delegate {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(appointedAt, "appointedAt");
    }
}
