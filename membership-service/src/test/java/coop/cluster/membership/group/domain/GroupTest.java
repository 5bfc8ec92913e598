package coop.cluster.membership.group.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.plumbing.domain.RuleViolation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupTest {

    private static final Instant T0 = Instant.parse("2026-12-08T09:00:00Z");
    private static final MemberId ATLAS = new MemberId("0b6f5a4e-2c1d-4e8f-9a7b-3c2d1e0f9a8b");
    private static final MemberId DELTA = new MemberId("1c7f6b5f-3d2e-4f9a-8b8c-4d3e2f1a0b9c");

    private final Group created =
            Group.create(
                    "g1",
                    "Agri-robotics",
                    "Robots for farms",
                    List.of("robotics", "agritech"),
                    "r1",
                    T0);

    @Test
    void aGroupIsCreatedByAResolutionWithNoMembers() {
        assertThat(created.members()).isEmpty();
        assertThat(created.resolutionId()).isEqualTo("r1");
        assertThat(created.version()).isNull();
        assertThat(created.has(ATLAS)).isFalse();
    }

    @Test
    void membersJoinInOrderOnceAndLeave() {
        Group two = created.join(ATLAS, T0.plusSeconds(1)).join(DELTA, T0.plusSeconds(2));
        assertThat(two.members())
                .extracting(Group.Membership::member)
                .containsExactly(ATLAS, DELTA);
        assertThat(two.members().getFirst().joinedAt()).isEqualTo(T0.plusSeconds(1));
        assertThatThrownBy(() -> two.join(ATLAS, T0.plusSeconds(3)))
                .isInstanceOfSatisfying(
                        RuleViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo("already-in-group"));

        Group one = two.leave(ATLAS);
        assertThat(one.members()).extracting(Group.Membership::member).containsExactly(DELTA);
        assertThat(two.members()).as("a change returns a new group").hasSize(2);
        assertThatThrownBy(() -> one.leave(ATLAS))
                .isInstanceOfSatisfying(
                        RuleViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo("not-in-group"));
    }

    @Test
    void itsListsCannotBeChangedFromOutside() {
        List<String> interests = new ArrayList<>(List.of("robotics"));
        Group group = Group.create("g2", "Robots", null, interests, "r2", T0);
        interests.add("changed afterwards");
        assertThat(group.interests()).containsExactly("robotics");
        assertThatThrownBy(() -> group.members().add(new Group.Membership(ATLAS, T0)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void namesCompareWithoutCaseOrExtraSpaces() {
        assertThat(Group.nameKey("  Agri   Robotics ")).isEqualTo(Group.nameKey("agri robotics"));
        assertThat(Group.nameKey("Agri-robotics")).isNotEqualTo(Group.nameKey("Agri robotics"));
    }
}
