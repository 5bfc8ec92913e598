package coop.cluster.membership.people.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A person as membership knows them from the identity service's events: the member organisation
 * they belong to (if any) and their roles there. Only the latest change counts ({@link
 * PersonChange#order()}): an older event, a replay, or one that arrives out of order changes
 * nothing, so a person who left is never brought back by an earlier "joined".
 *
 * @param memberId the member organisation the person belongs to now; null when none
 * @param formerMemberId the member the person last left, with {@code leftReason}
 * @param order the order of the latest change applied
 */
public record Person(
        String personId,
        String memberId,
        List<String> roles,
        List<String> staffRoles,
        String email,
        String displayName,
        String language,
        String formerMemberId,
        String leftReason,
        String order) {

    public Person {
        Objects.requireNonNull(personId, "personId");
        roles = roles == null ? List.of() : List.copyOf(roles);
        staffRoles = staffRoles == null ? List.of() : List.copyOf(staffRoles);
    }

    /** Whether the person belongs to {@code member} now. */
    public boolean isPersonOf(String member) {
        return member != null && member.equals(memberId);
    }

    /**
     * The person after {@code change} ({@code current} null: a person seen for the first time), or
     * empty when the change is not later than the last one applied.
     *
     * <ul>
     *   <li>joined: the person belongs to its member, with its roles; name, email and language as
     *       given;
     *   <li>roles changed: the person's member (none if absent) and roles, org and staff;
     *   <li>left: the person no longer belongs to that member (a departure from another member than
     *       theirs leaves them where they are).
     * </ul>
     */
    public static Optional<Person> apply(Person current, PersonChange change) {
        if (current != null && !change.personId().equals(current.personId())) {
            throw new IllegalArgumentException(
                    change.personId() + "'s change applied to " + current.personId());
        }
        if (current != null && !change.isAfter(current.order())) {
            return Optional.empty();
        }
        Person before =
                current != null
                        ? current
                        : new Person(
                                change.personId(),
                                null,
                                List.of(),
                                List.of(),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null);
        return Optional.of(
                switch (change.kind()) {
                    case JOINED ->
                            new Person(
                                    before.personId(),
                                    change.memberId(),
                                    change.roles(),
                                    before.staffRoles(),
                                    or(change.email(), before.email()),
                                    or(change.displayName(), before.displayName()),
                                    or(change.language(), before.language()),
                                    null,
                                    null,
                                    change.order());
                    case ROLES_CHANGED ->
                            new Person(
                                    before.personId(),
                                    change.memberId(),
                                    change.roles(),
                                    change.staffRoles() == null
                                            ? before.staffRoles()
                                            : change.staffRoles(),
                                    before.email(),
                                    before.displayName(),
                                    before.language(),
                                    before.formerMemberId(),
                                    before.leftReason(),
                                    change.order());
                    case LEFT ->
                            before.isPersonOf(change.memberId()) || before.memberId() == null
                                    ? new Person(
                                            before.personId(),
                                            null,
                                            List.of(),
                                            before.staffRoles(),
                                            before.email(),
                                            before.displayName(),
                                            before.language(),
                                            change.memberId(),
                                            change.reason(),
                                            change.order())
                                    : new Person(
                                            before.personId(),
                                            before.memberId(),
                                            before.roles(),
                                            before.staffRoles(),
                                            before.email(),
                                            before.displayName(),
                                            before.language(),
                                            change.memberId(),
                                            change.reason(),
                                            change.order());
                });
    }

    private static String or(String given, String known) {
        return given != null ? given : known;
    }
}
