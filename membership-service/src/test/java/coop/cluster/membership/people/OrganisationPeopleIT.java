package coop.cluster.membership.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.membership.MembershipApplication;
import coop.cluster.membership.member.Members;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.member.domain.OrganisationType;
import coop.cluster.membership.member.domain.Profile;
import coop.cluster.membership.member.domain.SizeBand;
import coop.cluster.membership.testing.Api;
import coop.cluster.membership.testing.Seats;
import coop.cluster.testing.events.TopicEvents;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The identity service's people, through the real broker: a delegate is nominated or appointed only
 * among the member's people (422 {@code delegate-not-a-person-of-member} otherwise), and a person
 * who leaves the organisation loses its seat ({@code delegate-removed}) and any pending nomination;
 * an older event arriving late does not bring them back; an event that cannot be applied is
 * dead-lettered.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = MembershipApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrganisationPeopleIT {

    private static final String TOPIC = "identity.people";
    private static final String MANAGER =
            TestIssuer.shared().token("manon").roles("manager").sign();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("membership_people_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired Members members;

    @Autowired OrganisationPeople people;

    private Api api;

    @BeforeEach
    void api() {
        api = new Api(port);
    }

    @Test
    void theApplicationNamesWhoFiledIt() {
        String registration = "PPL-" + UUID.randomUUID().toString().substring(0, 8);
        Answer filed =
                api.post(
                        "/api/members/applications",
                        MANAGER,
                        """
                        {"legalName":"People Org","registrationNumber":"%s","country":"TN","organisationType":"SME",
                         "sizeBand":"MICRO"}\
                        """
                                .formatted(registration));
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        TopicEvents.Event applied = Api.events("membership.members", filed.at("/id"), 1).getFirst();
        assertThat(applied.type()).isEqualTo("cluster.membership.member.applied.v1");
        assertThat(applied.data().get("appliedBy").asString()).isEqualTo("manon");
    }

    @Test
    void aDelegateIsChosenAmongTheMembersPeopleOnly() {
        MemberId member = activeMember();
        String camille = "camille-" + UUID.randomUUID();
        String stranger = "stranger-" + UUID.randomUUID();

        Answer refused = nominate(member, stranger);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.at("/type"))
                .isEqualTo("https://cluster.coop/problems/delegate-not-a-person-of-member");
        assertThat(refused.at("/detail")).contains(stranger).contains(member.value());
        assertThat(
                        api.sendIn(
                                        "fr",
                                        "PUT",
                                        "/api/members/" + member + "/delegate",
                                        MANAGER,
                                        "{\"subject\":\"" + stranger + "\",\"name\":\"X\"}")
                                .at("/title"))
                .isEqualTo("Pas une personne du membre");
        String strangerToken =
                TestIssuer.shared().token(stranger).roles("member").memberId(member.value()).sign();
        assertThat(
                        api.put(
                                        "/api/members/" + member + "/delegate",
                                        strangerToken,
                                        "{\"subject\":\"" + stranger + "\",\"name\":\"Self\"}")
                                .status())
                .as("naming oneself, with a token of the member, but unknown to identity")
                .isEqualTo(422);

        joined(camille, member, Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> people.isPersonOf(member, camille));

        Answer nominated = nominate(member, camille);
        assertThat(nominated.status()).as(nominated.body()).isEqualTo(202);
        Answer accepted =
                api.post(
                        "/api/members/" + member + "/delegate/acceptance",
                        token(camille, member),
                        null);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.at("/delegate/subject")).isEqualTo(camille);
        assertThat(Seats.of(api, MANAGER, "delegateSubject")).contains(camille);

        String other = UUID.randomUUID().toString();
        String dario = "dario-" + UUID.randomUUID();
        joined(dario, other, Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> people.find(dario).isPresent());
        assertThat(nominate(member, dario).status())
                .as("a person of another member")
                .isEqualTo(422);
    }

    @Test
    void aPersonWhoLeavesLosesTheSeatAndAnOlderJoinDoesNotBringThemBack() {
        MemberId member = activeMember();
        String camille = "camille-" + UUID.randomUUID();
        Instant joinedAt = Instant.now().minusSeconds(60);
        joined(camille, member, joinedAt);
        await().atMost(Duration.ofSeconds(30)).until(() -> people.isPersonOf(member, camille));
        assertThat(nominate(member, camille).status()).isEqualTo(202);
        assertThat(
                        api.post(
                                        "/api/members/" + member + "/delegate/acceptance",
                                        token(camille, member),
                                        null)
                                .status())
                .isEqualTo(200);
        assertThat(Seats.of(api, MANAGER, "delegateSubject")).contains(camille);

        Api.publish(
                TOPIC,
                camille,
                UUID.randomUUID().toString(),
                "cluster.identity.person.left-organisation.v1",
                "{\"personId\":\"%s\",\"memberId\":\"%s\",\"reason\":\"removed\",\"by\":\"amina\"}"
                        .formatted(camille, member));
        await().atMost(Duration.ofSeconds(30)).until(() -> members.get(member).delegate() == null);
        assertThat(people.isPersonOf(member, camille)).isFalse();
        assertThat(Seats.of(api, MANAGER, "delegateSubject")).doesNotContain(camille);
        assertThat(Seats.of(api, MANAGER, "member")).doesNotContain(member.value());
        List<TopicEvents.Event> events = Api.events("membership.members", member.value(), 4);
        TopicEvents.Event removed = events.get(3);
        assertThat(removed.type()).isEqualTo("cluster.membership.member.delegate-removed.v1");
        assertThat(removed.data().get("memberId").asString()).isEqualTo(member.value());
        assertThat(removed.data().get("subject").asString()).isEqualTo(camille);
        assertThat(removed.data().get("reason").asString()).isEqualTo("left-organisation");
        assertThat(removed.data().get("removedAt").asString()).isNotBlank();

        // the join again, and an older one, as a replay or a republication would deliver them:
        // nothing comes back
        joined(camille, member, joinedAt);
        joined(camille, member, joinedAt.plusSeconds(30));
        String marker = "marker-" + UUID.randomUUID();
        joined(
                marker,
                member,
                Instant.now(),
                camille); // camille's partition, after them: then they were handled
        await().atMost(Duration.ofSeconds(30)).until(() -> people.isPersonOf(member, marker));
        assertThat(people.isPersonOf(member, camille)).as("a person who left stays gone").isFalse();
        assertThat(nominate(member, camille).status()).isEqualTo(422);
    }

    @Test
    void aPendingNominationOfAPersonWhoLeavesIsDropped() {
        MemberId member = activeMember();
        String lea = "lea-" + UUID.randomUUID();
        joined(lea, member, Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> people.isPersonOf(member, lea));
        assertThat(nominate(member, lea).status()).isEqualTo(202);
        assertThat(members.get(member).nominee().subject()).isEqualTo(lea);

        Api.publish(
                TOPIC,
                lea,
                UUID.randomUUID().toString(),
                "cluster.identity.person.left-organisation.v1",
                "{\"personId\":\"%s\",\"memberId\":\"%s\",\"reason\":\"removed\",\"by\":\"manon\"}"
                        .formatted(lea, member));
        await().atMost(Duration.ofSeconds(30)).until(() -> members.get(member).nominee() == null);
        assertThat(
                        api.post(
                                        "/api/members/" + member + "/delegate/acceptance",
                                        token(lea, member),
                                        null)
                                .status())
                .as("nothing left to accept")
                .isEqualTo(403);
    }

    @Test
    void rolesChangedKeepsThePersonInTheMemberItNames() {
        MemberId member = activeMember();
        String bruno = "bruno-" + UUID.randomUUID();
        Api.publish(
                TOPIC,
                bruno,
                UUID.randomUUID().toString(),
                "cluster.identity.person.roles-changed.v1",
                "{\"personId\":\"%s\",\"memberId\":\"%s\",\"roles\":[\"member\",\"admin\"],\"staffRoles\":[],"
                                .formatted(bruno, member)
                        + "\"changedBy\":\"manon\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> people.isPersonOf(member, bruno));
        assertThat(people.find(bruno).orElseThrow().roles()).containsExactly("member", "admin");
    }

    @Test
    void anEventWithoutItsMemberIsDeadLettered() {
        String eventId = UUID.randomUUID().toString();
        Api.publish(
                TOPIC,
                "nobody",
                eventId,
                "cluster.identity.person.joined-organisation.v1",
                "{\"personId\":\"nobody\",\"roles\":[\"member\"]}");
        var props =
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        EmbeddedInfra.shared().bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "it-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest");
        try (var consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("membership-service.organisation-people.dlt"));
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                for (var record : consumer.poll(Duration.ofMillis(200))) {
                                    var id = record.headers().lastHeader("ce_id");
                                    if (id != null
                                            && eventId.equals(
                                                    new String(
                                                            id.value(), StandardCharsets.UTF_8))) {
                                        return true;
                                    }
                                }
                                return false;
                            });
        }
        assertThat(people.find("nobody")).isEmpty();
    }

    private static void joined(String person, Object member, Instant at) {
        joined(person, member, at, person);
    }

    /** Under the record key {@code key}: identity's key is the person id. */
    private static void joined(String person, Object member, Instant at, String key) {
        Api.publish(
                TOPIC,
                key,
                UUID.randomUUID().toString(),
                "cluster.identity.person.joined-organisation.v1",
                """
                {"personId":"%s","memberId":"%s","roles":["member"],"email":"%s@people.example",
                 "displayName":"%s","language":"fr","somethingNew":true}\
                """
                        .formatted(person, member, person, person),
                at);
    }

    private Answer nominate(MemberId member, String subject) {
        return api.put(
                "/api/members/" + member + "/delegate",
                MANAGER,
                "{\"subject\":\"" + subject + "\",\"name\":\"Nominee\"}");
    }

    private static String token(String subject, MemberId member) {
        return TestIssuer.shared().token(subject).roles("member").memberId(member.value()).sign();
    }

    private MemberId activeMember() {
        String registration = "PPL-" + UUID.randomUUID().toString().substring(0, 8);
        MemberId id =
                members.apply(
                                Profile.of(
                                        "People Org " + registration,
                                        registration,
                                        "TN",
                                        null,
                                        List.of(),
                                        OrganisationType.SME,
                                        SizeBand.SMALL,
                                        List.of(),
                                        List.of(),
                                        List.of(),
                                        null,
                                        null),
                                "manon")
                        .id();
        members.admit(id, null, null);
        return id;
    }
}
