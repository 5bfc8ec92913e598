package coop.cluster.membership.people.domain;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.membership.people.domain.PersonChange.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The view's ordering rules: only the latest change about a person counts, whatever order the
 * events come in.
 */
class PersonTest {

    private static final Instant T = Instant.parse("2026-12-10T09:00:00Z");
    private static final String ATLAS = "11111111-1111-4111-8111-111111111111";
    private static final String BRABANT = "22222222-2222-4222-8222-222222222222";

    @Test
    void aPersonWhoLeftIsNotBroughtBackByAnEarlierJoinArrivingLate() {
        Person joined = apply(null, joined(ATLAS, T, "e1")).orElseThrow();
        Person left = apply(joined, left(ATLAS, T.plusSeconds(60), "e2")).orElseThrow();
        assertThat(left.isPersonOf(ATLAS)).isFalse();
        assertThat(left.formerMemberId()).isEqualTo(ATLAS);

        assertThat(apply(left, joined(ATLAS, T, "e1"))).as("the same join, replayed").isEmpty();
        assertThat(apply(left, joined(ATLAS, T.plusSeconds(30), "e3")))
                .as("an older join")
                .isEmpty();
        assertThat(apply(left, rolesChanged(ATLAS, T.plusSeconds(59), "e4")))
                .as("older roles")
                .isEmpty();
        assertThat(
                        apply(left, joined(ATLAS, T.plusSeconds(120), "e5"))
                                .orElseThrow()
                                .isPersonOf(ATLAS))
                .as("joining again later")
                .isTrue();
    }

    @Test
    void theSameEventTwiceChangesNothingTheSecondTime() {
        PersonChange change = joined(ATLAS, T, "e1");
        Person once = apply(null, change).orElseThrow();
        assertThat(apply(once, change)).isEmpty();
    }

    @Test
    void atTheSameInstantLeavingWinsWhateverTheOrderOfArrival() {
        PersonChange join = joined(ATLAS, T, "zzz");
        PersonChange leave = left(ATLAS, T, "aaa");
        Person joinFirst = apply(apply(null, join).orElseThrow(), leave).orElseThrow();
        Optional<Person> leaveFirst = apply(apply(null, leave).orElseThrow(), join);
        assertThat(joinFirst.isPersonOf(ATLAS)).isFalse();
        assertThat(leaveFirst)
                .as("a join of the same instant as the departure comes before it")
                .isEmpty();
        assertThat(joined(ATLAS, T, "a").order()).isLessThan(rolesChanged(ATLAS, T, "a").order());
        assertThat(rolesChanged(ATLAS, T, "z").order()).isLessThan(left(ATLAS, T, "a").order());
    }

    @Test
    void theOrderFollowsTimeToTheNanosecondThenTheKindThenTheEventId() {
        assertThat(left(ATLAS, T, "e").order())
                .isLessThan(joined(ATLAS, T.plusNanos(1), "e").order());
        assertThat(joined(ATLAS, T, "a").order()).isLessThan(joined(ATLAS, T, "b").order());
        assertThat(joined(ATLAS, Instant.parse("2026-12-10T09:00:09Z"), "e").order())
                .as("sorts as text like the times it stands for")
                .isLessThan(joined(ATLAS, Instant.parse("2026-12-10T09:00:10Z"), "e").order());
    }

    /** Every order of arrival of one person's events ends in the state of the latest. */
    @Test
    void everyOrderOfArrivalEndsInTheLatestState() {
        List<PersonChange> history =
                List.of(
                        joined(ATLAS, T, "e1"),
                        rolesChanged(ATLAS, T.plusSeconds(10), "e2"),
                        left(ATLAS, T.plusSeconds(20), "e3"),
                        joined(BRABANT, T.plusSeconds(30), "e4"),
                        rolesChanged(BRABANT, T.plusSeconds(40), "e5"));
        Person expected = fold(history);
        assertThat(expected.isPersonOf(BRABANT)).isTrue();
        assertThat(expected.roles()).containsExactly("member", "admin");
        for (List<PersonChange> arrival : permutations(history)) {
            Person got = fold(arrival);
            assertThat(got.memberId()).as("%s", arrival).isEqualTo(expected.memberId());
            assertThat(got.roles()).as("%s", arrival).isEqualTo(expected.roles());
            assertThat(got.order()).as("%s", arrival).isEqualTo(expected.order());
        }
        List<PersonChange> leavingLast =
                List.of(
                        joined(ATLAS, T, "e1"),
                        left(ATLAS, T.plusSeconds(20), "e3"),
                        rolesChanged(ATLAS, T.plusSeconds(10), "e2"));
        for (List<PersonChange> arrival : permutations(leavingLast)) {
            assertThat(fold(arrival).isPersonOf(ATLAS)).as("%s", arrival).isFalse();
        }
    }

    @Test
    void leavingAnotherMemberLeavesThePersonWhereTheyAre() {
        Person inBrabant = apply(null, joined(BRABANT, T, "e1")).orElseThrow();
        Person after = apply(inBrabant, left(ATLAS, T.plusSeconds(1), "e2")).orElseThrow();
        assertThat(after.isPersonOf(BRABANT)).isTrue();
        assertThat(apply(null, left(ATLAS, T, "e3")).orElseThrow().memberId())
                .as("a stranger leaving")
                .isNull();
    }

    @Test
    void rolesChangedTellsThePersonsMemberNoneWhenAbsent() {
        Person joined = apply(null, joined(ATLAS, T, "e1")).orElseThrow();
        Person staffOnly =
                apply(
                                joined,
                                new PersonChange(
                                        Kind.ROLES_CHANGED,
                                        "camille",
                                        null,
                                        List.of(),
                                        List.of("manager"),
                                        null,
                                        null,
                                        null,
                                        null,
                                        T.plusSeconds(1),
                                        "e2"))
                        .orElseThrow();
        assertThat(staffOnly.memberId()).isNull();
        assertThat(staffOnly.staffRoles()).containsExactly("manager");
        assertThat(staffOnly.email())
                .as("what the change does not carry is kept")
                .isEqualTo("camille@atlas.example");
    }

    private static Person fold(List<PersonChange> arrival) {
        Person person = null;
        for (PersonChange change : arrival) {
            person = apply(person, change).orElse(person);
        }
        return person;
    }

    private static Optional<Person> apply(Person current, PersonChange change) {
        return Person.apply(current, change);
    }

    private static PersonChange joined(String member, Instant at, String eventId) {
        return new PersonChange(
                Kind.JOINED,
                "camille",
                member,
                List.of("member"),
                null,
                "camille@atlas.example",
                "Camille",
                "fr",
                null,
                at,
                eventId);
    }

    private static PersonChange rolesChanged(String member, Instant at, String eventId) {
        return new PersonChange(
                Kind.ROLES_CHANGED,
                "camille",
                member,
                List.of("member", "admin"),
                List.of(),
                null,
                null,
                null,
                null,
                at,
                eventId);
    }

    private static PersonChange left(String member, Instant at, String eventId) {
        return new PersonChange(
                Kind.LEFT, "camille", member, null, null, null, null, null, "removed", at, eventId);
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> one = new ArrayList<>();
                one.add(first);
                one.addAll(tail);
                all.add(one);
            }
        }
        return all;
    }
}
