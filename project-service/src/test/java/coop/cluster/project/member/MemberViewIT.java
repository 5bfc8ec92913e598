package coop.cluster.project.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.project.ProjectApplication;
import coop.cluster.project.testing.Membership;
import coop.cluster.testing.events.TopicRecords;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The members view from membership's events on the real broker: each member's status is the one its
 * event states ({@code data.status}), whatever the event's type; an event without it is
 * dead-lettered and the member's next events are applied all the same.
 */
@EmbeddedInfraTest
@SpringBootTest(classes = ProjectApplication.class)
class MemberViewIT {

    private static final String DEAD_LETTERS = "project-service.member-view.dlt";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("project_member_view_it"));
    }

    @Autowired Members members;

    @Test
    void aMemberIsInTheStatusItsLastEventStates() {
        String id = UUID.randomUUID().toString();
        Membership.announce(
                id,
                "applied",
                """
                {"memberId":"%s","status":"APPLIED","legalName":"Atlas","profile":{"legalName":"Atlas",
                 "country":"BE","competences":["robotics"]}}\
                """
                        .formatted(id));
        assertThat(statusOnceItIs(id, "APPLIED").map(MemberView::legalName)).contains("Atlas");

        Membership.announce(
                id,
                "admitted",
                """
                {"memberId":"%s","status":"ACTIVE","profile":{"legalName":"Atlas Robotics","country":"BE"}}\
                """
                        .formatted(id));
        assertThat(statusOnceItIs(id, "ACTIVE").map(MemberView::legalName))
                .contains("Atlas Robotics");
        assertThat(members.isActive(id)).isTrue();

        Membership.announce(
                id,
                "suspended",
                "{\"memberId\":\"%s\",\"status\":\"SUSPENDED\",\"reason\":\"fees\"}".formatted(id));
        statusOnceItIs(id, "SUSPENDED");
        assertThat(members.isActive(id)).isFalse();

        Membership.announce(
                id,
                "profile-changed",
                """
                {"memberId":"%s","status":"SUSPENDED","profile":{"legalName":"Atlas Robotics SRL","country":"BE"}}\
                """
                        .formatted(id));
        assertThat(
                        await().atMost(Duration.ofSeconds(30))
                                .until(
                                        () -> members.find(id),
                                        found ->
                                                found.map(MemberView::legalName)
                                                        .orElse("")
                                                        .equals("Atlas Robotics SRL")))
                .map(MemberView::status)
                .contains("SUSPENDED");

        Membership.announce(
                id, "reinstated", "{\"memberId\":\"%s\",\"status\":\"ACTIVE\"}".formatted(id));
        statusOnceItIs(id, "ACTIVE");
        Membership.announce(id, "left", "{\"memberId\":\"%s\",\"status\":\"LEFT\"}".formatted(id));
        statusOnceItIs(id, "LEFT");
    }

    @Test
    void anEventWithoutTheStatusIsDeadLetteredAndTheNextOnesApply() {
        String id = Membership.admitted(members);
        Membership.announce(
                id, "suspended", "{\"memberId\":\"%s\",\"reason\":\"fees\"}".formatted(id));

        TopicRecords.Received dead =
                await().atMost(Duration.ofSeconds(60))
                        .ignoreExceptions()
                        .until(
                                () ->
                                        new TopicRecords(EmbeddedInfra.shared().bootstrapServers())
                                                .all(DEAD_LETTERS).stream()
                                                        .filter(r -> id.equals(r.key()))
                                                        .findFirst(),
                                Optional::isPresent)
                        .orElseThrow();
        assertThat(dead.type()).isEqualTo("cluster.membership.member.suspended.v1");
        assertThat(members.find(id).map(MemberView::status))
                .as("the poison event changed nothing")
                .contains("ACTIVE");

        Membership.announce(
                id, "excluded", "{\"memberId\":\"%s\",\"status\":\"EXCLUDED\"}".formatted(id));
        statusOnceItIs(id, "EXCLUDED");
    }

    private Optional<MemberView> statusOnceItIs(String id, String status) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> members.find(id),
                        found -> found.map(MemberView::status).orElse("").equals(status));
    }
}
