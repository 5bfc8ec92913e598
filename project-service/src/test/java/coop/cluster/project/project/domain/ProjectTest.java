package coop.cluster.project.project.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cluster.plumbing.domain.RuleViolation;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final String LEADER = "m-leader";

    private final Project draft = Project.start("p1", LEADER, details("Olive robots"), T0);

    private static ProjectDetails details(String title) {
        return new ProjectDetails(
                title,
                " Robotic sorting for olive mills ",
                "agritech",
                new Needs(
                        Arrays.asList("Machine Vision", "machine vision", " ", null),
                        List.of(new Needs.Resource("equipment", "a test mill"))),
                "");
    }

    @Test
    void aProjectStartsAsADraftLedByItsFirstPartner() {
        assertThat(draft.status()).isEqualTo(ProjectStatus.DRAFT);
        assertThat(draft.partners())
                .extracting(Project.Partner::memberId, Project.Partner::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LEADER, "leader"));
        assertThat(draft.details().description()).isEqualTo("Robotic sorting for olive mills");
        assertThat(draft.details().needs().competences()).containsExactly("machine vision");
        assertThat(draft.details().needs().resources())
                .containsExactly(new Needs.Resource("EQUIPMENT", "a test mill"));
        assertThat(draft.details().targetCallId()).isNull();
    }

    @Test
    void aClosedTargetCallFlagsTheProjectOnceUntilItOpensAgainOrTheTargetChanges() {
        ProjectDetails aiming =
                new ProjectDetails(
                        "Olive robots", null, null, new Needs(List.of(), List.of()), "call-1");
        Project forming = draft.edit(LEADER, aiming).open(LEADER, T0);
        Instant closed = T0.plusSeconds(60);
        assertThat(forming.targetCallClosed("call-2", closed)).as("another call").isSameAs(forming);
        Project flagged = forming.targetCallClosed("call-1", closed);
        assertThat(flagged.targetCallClosedAt()).isEqualTo(closed);
        assertThat(flagged.targetCallClosed("call-1", closed.plusSeconds(5)))
                .as("flagged already")
                .isSameAs(flagged);
        assertThat(flagged.targetCallReopened("call-2")).isSameAs(flagged);
        assertThat(flagged.targetCallReopened("call-1").targetCallClosedAt()).isNull();
        assertThat(forming.targetCallReopened("call-1")).as("not flagged").isSameAs(forming);
        assertThat(
                        flagged.edit(
                                        LEADER,
                                        new ProjectDetails(
                                                "Olive robots II",
                                                null,
                                                null,
                                                new Needs(List.of(), List.of()),
                                                "call-1"))
                                .targetCallClosedAt())
                .as("same call")
                .isEqualTo(closed);
        assertThat(flagged.edit(LEADER, details("Olive robots")).targetCallClosedAt())
                .as("no call")
                .isNull();
        Project abandoned = forming.abandon(LEADER, "gone", T0);
        assertThat(abandoned.targetCallClosed("call-1", closed)).as("over").isSameAs(abandoned);
    }

    @Test
    void onlyTheLeaderEditsOpensClosesOrAbandons() {
        assertThatThrownBy(() -> draft.edit("m-other", details("x"))).hasMessage("not-the-leader");
        assertThatThrownBy(() -> draft.open("m-other", T0)).hasMessage("not-the-leader");
        Project forming =
                draft.edit(LEADER, details("Olive robots II")).open(LEADER, T0.plusSeconds(5));
        assertThat(forming.status()).isEqualTo(ProjectStatus.FORMING);
        assertThat(forming.details().title()).isEqualTo("Olive robots II");
        assertThatThrownBy(() -> forming.open(LEADER, T0)).hasMessage("invalid-project-transition");
        assertThatThrownBy(() -> forming.close(LEADER, "done", T0))
                .as("only an active project closes")
                .hasMessage("invalid-project-transition");
        Project abandoned = forming.abandon(LEADER, "no partners", T0.plusSeconds(9));
        assertThat(abandoned.status()).isEqualTo(ProjectStatus.ABANDONED);
        assertThat(abandoned.statusReason()).isEqualTo("no partners");
        assertThatThrownBy(() -> abandoned.edit(LEADER, details("y")))
                .hasMessage("invalid-project-transition");
        assertThatThrownBy(() -> abandoned.abandon(LEADER, "again", T0))
                .hasMessage("invalid-project-transition");
    }

    @Test
    void aPartnerLeavesAndTheLeadershipMovesOnlyWhenAccepted() {
        Project forming =
                draft.open(LEADER, T0).join("m-b", "optics", T0).join("m-c", "software", T0);
        assertThatThrownBy(() -> forming.join("m-b", "again", T0)).hasMessage("already-partner");
        assertThatThrownBy(() -> forming.leave(LEADER)).hasMessage("leader-cannot-leave");
        assertThatThrownBy(() -> forming.leave("m-x")).hasMessage("not-a-partner");
        assertThat(forming.leave("m-c").partners())
                .extracting(Project.Partner::memberId)
                .containsExactly(LEADER, "m-b");

        assertThatThrownBy(() -> forming.offerLeadership("m-b", "m-c"))
                .hasMessage("not-the-leader");
        assertThatThrownBy(() -> forming.offerLeadership(LEADER, "m-x"))
                .hasMessage("not-a-partner");
        Project offered = forming.offerLeadership(LEADER, "m-b");
        assertThat(offered.leader()).isEqualTo(LEADER);
        assertThatThrownBy(() -> offered.answerLeadership("m-c", true))
                .hasMessage("no-leadership-offer");
        assertThat(offered.answerLeadership("m-b", false).leader()).isEqualTo(LEADER);
        assertThat(offered.answerLeadership("m-b", false).proposedLeader()).isNull();
        Project handedOver = offered.answerLeadership("m-b", true);
        assertThat(handedOver.leader()).isEqualTo("m-b");
        assertThat(handedOver.leave(LEADER).partners())
                .extracting(Project.Partner::memberId)
                .containsExactly("m-b", "m-c");
    }

    @Test
    void badDetailsAreRefused() {
        assertThatThrownBy(() -> details(" "))
                .isInstanceOf(RuleViolation.class)
                .hasMessage("project-title-required");
        assertThatThrownBy(() -> new Needs.Resource("money", null))
                .hasMessage("invalid-resource-type");
    }
}
