package coop.cluster.fundingwatch.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payloads as membership and project-service publish them (every field of their contract) read
 * into this service's own copies: the fields it needs by their published names, the others ignored,
 * as the platform's mapper does ({@code
 * spring.jackson.deserialization.fail-on-unknown-properties=false}).
 */
class EventPayloadsTest {

    private static final JsonMapper JSON =
            JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private static final String PROFILE =
            """
            {"legalName":"Atelier Bois SCOP","country":"FR","region":"FRK26","sectors":["C16.23"],
             "organisationType":"COOPERATIVE","sizeBand":"SMALL","competences":["timber frames"],
             "offeredResources":[{"type":"EQUIPMENT","description":"CNC"}],"description":"Timber",
             "website":"https://bois.example"}\
            """;

    @Test
    void anApplicationWithItsProfile() {
        var applied =
                JSON.readValue(
                        """
                        {"memberId":"m-1","legalName":"Atelier Bois SCOP","registrationNumber":"123","country":"FR",
                         "profile":%s,"appliedAt":"2026-05-01T08:00:00Z","status":"APPLIED"}\
                        """
                                .formatted(PROFILE),
                        MembershipEvents.WithProfile.class);

        assertThat(applied.memberId()).isEqualTo("m-1");
        assertThat(applied.status()).isEqualTo("APPLIED");
        assertThat(applied.legalName()).isEqualTo("Atelier Bois SCOP");
        assertThat(applied.country()).isEqualTo("FR");
        assertThat(applied.profile())
                .isEqualTo(
                        new MembershipEvents.Profile(
                                "Atelier Bois SCOP",
                                "FR",
                                "FRK26",
                                List.of("C16.23"),
                                List.of("timber frames"),
                                "Timber"));
    }

    @Test
    void aProfileChangeAndAStatusChangeWithTheirStatus() {
        var changed =
                JSON.readValue(
                        """
                        {"memberId":"m-1","status":"ACTIVE","profile":%s,"changedAt":"2026-05-01T08:00:00Z"}\
                        """
                                .formatted(PROFILE),
                        MembershipEvents.WithProfile.class);
        var suspended =
                JSON.readValue(
                        """
                        {"memberId":"m-1","reason":"fees","cause":"fee-overdue","suspendedAt":"2026-05-01T08:00:00Z",
                         "status":"SUSPENDED"}\
                        """,
                        MembershipEvents.StatusChange.class);

        assertThat(changed.status()).isEqualTo("ACTIVE");
        assertThat(changed.profile().region()).isEqualTo("FRK26");
        assertThat(suspended).isEqualTo(new MembershipEvents.StatusChange("m-1", "SUSPENDED"));
    }

    @Test
    void theGroupEvents() {
        var created =
                JSON.readValue(
                        """
                        {"groupId":"g-1","name":"Green building","description":"Low carbon","interests":["timber"],
                         "resolutionId":"r-1","createdAt":"2026-05-01T08:00:00Z"}\
                        """,
                        MembershipEvents.GroupCreated.class);
        var joined =
                JSON.readValue(
                        """
                        {"groupId":"g-1","memberId":"m-1","change":"JOINED","members":3,
                         "changedAt":"2026-05-01T08:00:00Z"}\
                        """,
                        MembershipEvents.GroupMembershipChanged.class);

        assertThat(created)
                .isEqualTo(
                        new MembershipEvents.GroupCreated(
                                "g-1", "Green building", "Low carbon", List.of("timber")));
        assertThat(joined)
                .isEqualTo(new MembershipEvents.GroupMembershipChanged("g-1", "m-1", "JOINED"));
    }

    @Test
    void theProjectEvents() {
        var updated =
                JSON.readValue(
                        """
                        {"projectId":"p-1","leaderId":"m-1","change":"details","updatedAt":"2026-05-01T08:00:00Z",
                         "project":{"title":"Timber school","description":"A school","theme":"construction",
                          "neededCompetences":["timber frames"],
                          "neededResources":[{"type":"EQUIPMENT","description":"a CNC router"}],"targetCallId":"c-1",
                          "status":"FORMING","partners":["m-1","m-2"],"proposedLeader":null,"targetCallClosedAt":null}}\
                        """,
                        ProjectEvents.Changed.class);
        var closed =
                JSON.readValue(
                        """
                        {"projectId":"p-1","reason":"done","closedAt":"2026-05-01T08:00:00Z"}\
                        """,
                        ProjectEvents.Ended.class);
        var joined =
                JSON.readValue(
                        """
                        {"projectId":"p-1","memberId":"m-3","role":"partner","invitationId":"i-1",
                         "joinedAt":"2026-05-01T08:00:00Z"}\
                        """,
                        ProjectEvents.PartnerChange.class);

        assertThat(updated)
                .isEqualTo(
                        new ProjectEvents.Changed(
                                "p-1",
                                "m-1",
                                new ProjectEvents.State(
                                        "Timber school",
                                        "A school",
                                        "construction",
                                        List.of("timber frames"),
                                        List.of(
                                                new ProjectEvents.NeededResource(
                                                        "EQUIPMENT", "a CNC router")),
                                        "c-1",
                                        "FORMING",
                                        List.of("m-1", "m-2"))));
        assertThat(closed.projectId()).isEqualTo("p-1");
        assertThat(joined).isEqualTo(new ProjectEvents.PartnerChange("p-1", "m-3"));
    }
}
