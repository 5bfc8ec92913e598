package coop.cluster.membership.member;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.membership.MembershipApplication;
import coop.cluster.membership.testing.Api;
import coop.cluster.testing.events.TopicEvents;
import coop.cluster.testing.security.TestIssuer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The cluster's public page: an organisation chooses to be listed ({@code listedPublicly}, with its
 * profile), and anyone, without a token, reads the active listed members with only their public
 * fields.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = MembershipApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PublicMembersIT {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("membership_public_it"));
        TestIssuer.shared().register(registry);
    }

    private static final String MANAGER =
            TestIssuer.shared().token("manon").roles("manager").sign();

    /** The public fields, and nothing else. */
    private static final Set<String> PUBLIC_FIELDS =
            Set.of(
                    "legalName",
                    "country",
                    "region",
                    "sectors",
                    "organisationType",
                    "website",
                    "description",
                    "memberSince");

    @LocalServerPort int port;

    private Api api;

    /** Part of every name this test files, so that its queries see only its own members. */
    private String tag;

    @BeforeEach
    void client() {
        api = new Api(port);
        tag = "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anOrganisationOptsInWithItsProfileAndAnAbsentFlagKeepsItsChoice() {
        Api.Answer applied = apply("Opting " + tag, "FR", "FRK26", null);
        assertThat(applied.at("/profile/listedPublicly"))
                .as("nobody is listed without choosing it")
                .isEqualTo("false");
        String id = applied.at("/id");
        String own = TestIssuer.shared().token("olga").roles("member").memberId(id).sign();
        admit(id);

        Api.Answer optedIn =
                api.send(
                        "PUT",
                        "/api/members/" + id + "/profile",
                        own,
                        profile("Opting " + tag, registration(applied), "FR", "FRK26", true),
                        etag(id));
        assertThat(optedIn.status()).isEqualTo(200);
        assertThat(optedIn.at("/profile/listedPublicly")).isEqualTo("true");
        assertThat(names("/api/public/members?q=" + tag)).containsExactly("Opting " + tag);

        Api.Answer edited =
                api.send(
                        "PUT",
                        "/api/members/" + id + "/profile",
                        own,
                        profile(
                                "Opting " + tag + " SAS",
                                registration(applied),
                                "FR",
                                "FRK26",
                                null),
                        etag(id));
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.at("/profile/listedPublicly"))
                .as("absent keeps the choice")
                .isEqualTo("true");
        assertThat(api.get("/api/members/" + id, MANAGER).at("/profile/listedPublicly"))
                .isEqualTo("true");
        assertThat(names("/api/public/members?q=" + tag)).containsExactly("Opting " + tag + " SAS");

        List<TopicEvents.Event> events = Api.events("membership.members", id, 4);
        assertThat(events)
                .extracting(TopicEvents.Event::type)
                .containsExactly(
                        "cluster.membership.member.applied.v1",
                                "cluster.membership.member.admitted.v1",
                        "cluster.membership.member.profile-changed.v1",
                                "cluster.membership.member.profile-changed.v1");
        assertThat(events.get(1).data().at("/profile/listedPublicly").asBoolean()).isFalse();
        assertThat(events.get(2).data().at("/profile/listedPublicly").asBoolean()).isTrue();
        assertThat(events.get(3).data().at("/profile/listedPublicly").asBoolean()).isTrue();

        Api.Answer optedOut =
                api.send(
                        "PUT",
                        "/api/members/" + id + "/profile",
                        own,
                        profile(
                                "Opting " + tag + " SAS",
                                registration(applied),
                                "FR",
                                "FRK26",
                                false),
                        etag(id));
        assertThat(optedOut.at("/profile/listedPublicly")).isEqualTo("false");
        assertThat(names("/api/public/members?q=" + tag)).isEmpty();
    }

    @Test
    void thePublicListShowsOnlyActiveListedMembersWithTheirPublicFieldsByName() {
        String alpha = active("alpha Public " + tag, "FR", "FRK26", true);
        active("Beta Public " + tag, "MA", null, true);
        active("\u00c9clair Public " + tag, "FR", "FR101", true);
        active("Hidden Public " + tag, "FR", "FRK26", false);
        apply("Applicant Public " + tag, "FR", "FRK26", true);
        String suspended = active("Suspended Public " + tag, "FR", "FRK26", true);
        assertThat(
                        api.send(
                                        "POST",
                                        "/api/members/" + suspended + "/suspend",
                                        MANAGER,
                                        "{\"reason\":\"fees\"}")
                                .status())
                .isEqualTo(200);
        String left = active("Gone Public " + tag, "FR", "FRK26", true);
        assertThat(api.post("/api/members/" + left + "/leave", MANAGER, "{}").status())
                .isEqualTo(200);

        Api.Answer page = api.get("/api/public/members?q=" + tag, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(names(page))
                .as("by name, case and accents aside; only active members that chose it")
                .containsExactly(
                        "alpha Public " + tag, "Beta Public " + tag, "\u00c9clair Public " + tag);
        assertThat(page.at("/page/totalElements")).isEqualTo("3");
        JsonNode first = page.json().at("/content/0");
        assertThat(fieldNames(first)).containsExactlyInAnyOrderElementsOf(PUBLIC_FIELDS);
        assertThat(first.at("/country").asString()).isEqualTo("FR");
        assertThat(first.at("/region").asString()).isEqualTo("FRK26");
        assertThat(first.at("/sectors/0").asString()).isEqualTo("C28.4");
        assertThat(first.at("/organisationType").asString()).isEqualTo("SME");
        assertThat(first.at("/website").asString()).isEqualTo("https://example.org/" + tag);
        assertThat(first.at("/description").asString()).isEqualTo("Robotic cells");
        assertThat(first.at("/memberSince").asString())
                .isEqualTo(api.get("/api/members/" + alpha, MANAGER).at("/admittedAt"));
        assertThat(page.body())
                .doesNotContain("REG-" + tag)
                .doesNotContain("@example.org")
                .doesNotContain(alpha)
                .doesNotContain("statusReason")
                .doesNotContain("sizeBand");

        assertThat(names("/api/public/members?q=ECLAIR%20public%20" + tag))
                .as("name filter, any case or accents")
                .containsExactly("\u00c9clair Public " + tag);
        assertThat(names("/api/public/members?country=ma&q=" + tag))
                .containsExactly("Beta Public " + tag);
        assertThat(names("/api/public/members?country=FR&q=" + tag))
                .containsExactly("alpha Public " + tag, "\u00c9clair Public " + tag);

        Api.Answer second = api.get("/api/public/members?size=2&page=1&q=" + tag, null);
        assertThat(names(second)).containsExactly("\u00c9clair Public " + tag);
        assertThat(second.at("/page/size")).isEqualTo("2");
        assertThat(second.at("/page/number")).isEqualTo("1");
        assertThat(second.at("/page/totalPages")).isEqualTo("2");

        assertThat(
                        api.send(
                                        "POST",
                                        "/api/members/" + alpha + "/suspend",
                                        MANAGER,
                                        "{\"reason\":\"fees\"}")
                                .status())
                .isEqualTo(200);
        assertThat(names("/api/public/members?q=" + tag))
                .as("a suspended member disappears")
                .containsExactly("Beta Public " + tag, "\u00c9clair Public " + tag);
    }

    @Test
    void anyoneReadsThePublicApiButNothingElseAndNoWrite() {
        assertThat(api.get("/api/public/members", null).status()).isEqualTo(200);
        assertThat(api.send("HEAD", "/api/public/members", null, null).status()).isEqualTo(200);
        Api.Answer post = api.post("/api/public/members", null, "{}");
        assertThat(post.status()).as("only reads are public").isEqualTo(401);
        assertThat(post.raw().headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(api.send("PUT", "/api/public/members", null, "{}").status()).isEqualTo(401);
        assertThat(api.send("DELETE", "/api/public/members", null, null).status()).isEqualTo(401);
        assertThat(api.get("/api/members", null).status())
                .as("the rest of the API still needs a token")
                .isEqualTo(401);
        assertThat(api.get("/api/directory", null).status()).isEqualTo(401);

        assertThat(api.get("/api/public/members?size=101", null).status()).isEqualTo(400);
        assertThat(api.get("/api/public/members?country=France", null).status()).isEqualTo(400);
        assertThat(api.get("/api/public/members", MANAGER).status())
                .as("a token does no harm")
                .isEqualTo(200);
    }

    private String active(String name, String country, String region, boolean listed) {
        String id = apply(name, country, region, listed).at("/id");
        admit(id);
        return id;
    }

    private Api.Answer apply(String name, String country, String region, Boolean listed) {
        Api.Answer applied =
                api.post(
                        "/api/members/applications",
                        MANAGER,
                        profile(
                                name,
                                "REG-" + tag + "-" + UUID.randomUUID().toString().substring(0, 6),
                                country,
                                region,
                                listed));
        assertThat(applied.status()).as(applied.body()).isEqualTo(201);
        return applied;
    }

    private void admit(String id) {
        assertThat(api.post("/api/members/" + id + "/admit", MANAGER, "{}").status())
                .isEqualTo(200);
    }

    private String etag(String id) {
        return api.get("/api/members/" + id, MANAGER)
                .raw()
                .headers()
                .firstValue("ETag")
                .orElseThrow();
    }

    private static String registration(Api.Answer member) {
        return member.at("/profile/registrationNumber");
    }

    private String profile(
            String name, String registration, String country, String region, Boolean listed) {
        return """
        {"legalName":"%s","registrationNumber":"%s","country":"%s",%s"sectors":["C28.4"],
         "organisationType":"SME","sizeBand":"SMALL","competences":["robotics"],
         "contacts":[{"name":"Rita","role":"CEO","email":"rita@example.org"}],
         "description":"Robotic cells","website":"https://example.org/%s"%s}
        """
                .formatted(
                        name,
                        registration,
                        country,
                        region == null ? "" : "\"region\":\"" + region + "\",",
                        tag,
                        listed == null ? "" : ",\"listedPublicly\":" + listed);
    }

    private List<String> names(String path) {
        Api.Answer answer = api.get(path, null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return names(answer);
    }

    private static List<String> names(Api.Answer answer) {
        List<String> names = new ArrayList<>();
        answer.json()
                .at("/content")
                .forEach(member -> names.add(member.at("/legalName").asString()));
        return names;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
