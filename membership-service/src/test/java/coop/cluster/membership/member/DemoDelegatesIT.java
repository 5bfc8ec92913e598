package coop.cluster.membership.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.membership.MembershipApplication;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.people.OrganisationPeople;
import coop.cluster.membership.testing.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo cluster when the identity service announces its demo people after membership seeded it
 * (as {@code ./platform run} may start them): {@code delphine} holds Delta Mecatronique's seat from
 * the start, her "joined" changes nothing, and the demo script's nomination of {@code camille} for
 * Atlas Agritech is refused until identity's "joined" of camille has arrived, then accepted.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = MembershipApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "cluster.demo.enabled=true")
class DemoDelegatesIT {

    private static final MemberId ATLAS = new MemberId("11111111-1111-4111-8111-111111111111");
    private static final MemberId DELTA = new MemberId("33333333-3333-4333-8333-333333333333");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("membership_demo_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired CouncilRoll roll;

    @Autowired OrganisationPeople people;

    @Test
    void theDemoSeatDoesNotWaitForIdentityAndTheScriptsNominationDoes() {
        assertThat(roll.seatOf(DELTA))
                .hasValueSatisfying(
                        seat -> assertThat(seat.delegateSubject()).isEqualTo("delphine"));
        assertThat(people.isPersonOf(DELTA, "delphine"))
                .as("identity has announced nobody yet")
                .isFalse();

        Api api = new Api(port);
        String amina =
                TestIssuer.shared().token("amina").roles("member").memberId(ATLAS.value()).sign();
        String nomination =
                "{\"subject\":\"camille\",\"name\":\"Camille\",\"email\":\"camille@atlas.example\"}";
        Answer tooEarly = api.put("/api/members/" + ATLAS + "/delegate", amina, nomination);
        assertThat(tooEarly.status()).as(tooEarly.body()).isEqualTo(422);

        joined("delphine", DELTA);
        joined("camille", ATLAS);
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                people.isPersonOf(DELTA, "delphine")
                                        && people.isPersonOf(ATLAS, "camille"));
        assertThat(roll.seatOf(DELTA))
                .hasValueSatisfying(
                        seat -> assertThat(seat.delegateSubject()).isEqualTo("delphine"));
        assertThat(api.put("/api/members/" + ATLAS + "/delegate", amina, nomination).status())
                .isEqualTo(202);
        String camille =
                TestIssuer.shared()
                        .token("camille")
                        .roles("member", "delegate")
                        .memberId(ATLAS.value())
                        .sign();
        assertThat(
                        api.post("/api/members/" + ATLAS + "/delegate/acceptance", camille, null)
                                .status())
                .isEqualTo(200);
        assertThat(roll.seatOf(ATLAS)).isPresent();
    }

    /**
     * The public page of the demo cluster: Atlas Agritech and Delta Mecatronique chose it, nobody
     * else.
     */
    @Test
    void theDemoPublicPageListsAtlasAndDeltaOnly() {
        Answer page = new Api(port).get("/api/public/members?size=100", null);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        page.json().get("content").forEach(member -> names.add(member.get("legalName").asString()));
        assertThat(names).containsExactly("Atlas Agritech SARL", "Delta Mecatronique SAS");
    }

    private static void joined(String person, MemberId member) {
        Api.publish(
                "identity.people",
                person,
                UUID.randomUUID().toString(),
                "cluster.identity.person.joined-organisation.v1",
                """
                {"personId":"%s","memberId":"%s","roles":["member"],"email":"%s@demo.example",
                 "displayName":"%s","language":"fr"}\
                """
                        .formatted(person, member, person, person),
                Instant.now());
    }
}
