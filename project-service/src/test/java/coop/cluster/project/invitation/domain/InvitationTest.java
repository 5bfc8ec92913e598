package coop.cluster.project.invitation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cluster.plumbing.domain.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InvitationTest {

    private static final Instant T0 = Instant.parse("2026-12-08T09:00:00Z");
    private static final Instant EXPIRY = T0.plus(Duration.ofDays(7));

    private final Invitation pending =
            Invitation.send(
                    "i1",
                    "p1",
                    "Olive robots",
                    "m-delta",
                    "m-atlas",
                    " vision partner ",
                    "  ",
                    T0,
                    EXPIRY);

    private static String codeOf(Runnable action) {
        try {
            action.run();
        } catch (RuleViolation violation) {
            return violation.code();
        }
        throw new AssertionError("no rule refused it");
    }

    @Test
    void anInvitationIsSentPendingWithItsRoleTrimmedAndNoBlankMessage() {
        assertThat(pending.status()).isEqualTo(InvitationStatus.PENDING);
        assertThat(pending.role()).isEqualTo("vision partner");
        assertThat(pending.message()).isNull();
        assertThat(pending.isPending()).isTrue();
        assertThat(pending.isDue(T0)).isFalse();
        assertThat(pending.isDue(EXPIRY)).as("due at its expiry, not after it").isTrue();
    }

    @Test
    void nobodyInvitesThemselvesAndARoleIsRequired() {
        assertThat(
                        codeOf(
                                () ->
                                        Invitation.send(
                                                "i2", "p1", "t", "m-atlas", "m-atlas", "partner",
                                                null, T0, EXPIRY)))
                .isEqualTo("cannot-invite-yourself");
        assertThat(
                        codeOf(
                                () ->
                                        Invitation.send(
                                                "i3", "p1", "t", "m-delta", "m-atlas", " ", null,
                                                T0, EXPIRY)))
                .isEqualTo("role-required");
    }

    @Test
    void theInviteeAnswersOnceWithAnOptionalMessage() {
        Invitation accepted = pending.answer("m-delta", true, " Glad to join ", T0.plusSeconds(60));
        assertThat(accepted.status()).isEqualTo(InvitationStatus.ACCEPTED);
        assertThat(accepted.answer()).isEqualTo("Glad to join");
        assertThat(accepted.closedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(pending.answer("m-delta", false, "", T0).status())
                .isEqualTo(InvitationStatus.DECLINED);
        assertThat(pending.answer("m-delta", false, "", T0).answer()).isNull();

        assertThat(codeOf(() -> accepted.answer("m-delta", false, null, T0.plusSeconds(61))))
                .isEqualTo("invitation-closed");
        assertThat(codeOf(() -> accepted.withdraw("changed our mind", T0.plusSeconds(61))))
                .isEqualTo("invitation-closed");
    }

    @Test
    void onlyTheInviteeAnswers() {
        assertThatThrownBy(() -> pending.answer("m-atlas", true, null, T0))
                .isInstanceOfSatisfying(
                        RuleViolation.class,
                        violation -> {
                            assertThat(violation.code()).isEqualTo("not-your-invitation");
                            assertThat(violation.args()).containsExactly("i1");
                        });
    }

    @Test
    void anInvitationPastItsExpiryCannotBeAnsweredOrWithdrawnButExpires() {
        RuleViolation late =
                (RuleViolation)
                        org.assertj.core.api.Assertions.catchThrowable(
                                () -> pending.answer("m-delta", true, null, EXPIRY));
        assertThat(late.code()).isEqualTo("invitation-closed");
        assertThat(late.args()).containsExactly("i1", InvitationStatus.EXPIRED);
        assertThat(codeOf(() -> pending.withdraw("x", EXPIRY.plusSeconds(1))))
                .isEqualTo("invitation-closed");

        assertThat(codeOf(() -> pending.expire(EXPIRY.minusSeconds(1))))
                .isEqualTo("invitation-not-due");
        Invitation expired = pending.expire(EXPIRY);
        assertThat(expired.status()).isEqualTo(InvitationStatus.EXPIRED);
        assertThat(expired.closedAt()).isEqualTo(EXPIRY);
        assertThat(codeOf(() -> expired.expire(EXPIRY.plusSeconds(1))))
                .isEqualTo("invitation-not-due");
    }

    @Test
    void theLeaderWithdrawsAPendingInvitationWithAReason() {
        Invitation withdrawn = pending.withdraw("partner found", T0.plusSeconds(5));
        assertThat(withdrawn.status()).isEqualTo(InvitationStatus.WITHDRAWN);
        assertThat(withdrawn.answer()).isEqualTo("partner found");
        assertThat(withdrawn.version()).isEqualTo(pending.version());
    }
}
