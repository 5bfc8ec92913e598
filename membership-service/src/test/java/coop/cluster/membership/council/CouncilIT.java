package coop.cluster.membership.council;

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
import coop.cluster.membership.people.OrganisationPeople;
import coop.cluster.membership.testing.Api;
import coop.cluster.membership.testing.People;
import coop.cluster.membership.testing.Seats;
import coop.cluster.testing.events.TopicEvents;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The council over HTTP on the real broker and store: three seats table and vote a fee schedule, an
 * exemption and a group; a vote closes at its deadline; every refusal is a problem.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = MembershipApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cluster.council.min-voting-period=PT1S",
            "cluster.council.sweep-interval=PT1S"
        })
class CouncilIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("membership_council_it"));
        TestIssuer.shared().register(registry);
    }

    private static final String MANAGER =
            TestIssuer.shared().token("manon").roles("manager").sign();
    private static final String FINANCE =
            TestIssuer.shared().token("farid").roles("finance").sign();

    @LocalServerPort int port;

    @Autowired Members members;

    @Autowired MongoTemplate mongo;

    @Autowired OrganisationPeople people;

    private Api api;
    private final String[] seat = new String[3];
    private final String[] delegate = new String[3];

    /** A council of three: three active members, each with its delegate, and nobody else seated. */
    @BeforeEach
    void council() {
        api = new Api(port);
        mongo.remove(new Query(), "members");
        for (int i = 0; i < 3; i++) {
            String registration = "CIT-" + UUID.randomUUID().toString().substring(0, 8);
            MemberId id =
                    members.apply(
                                    Profile.of(
                                            "Council Org " + i,
                                            registration,
                                            "MA",
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
            People.join(people, id, "delegate-" + i + "-" + registration);
            members.appointDelegate(
                    id, "delegate-" + i + "-" + registration, "Delegate " + i, null, null);
            seat[i] = id.value();
            delegate[i] =
                    TestIssuer.shared()
                            .token("delegate-" + i + "-" + registration)
                            .roles("delegate")
                            .memberId(id.value())
                            .sign();
        }
    }

    @Test
    void aFeeScheduleIsVotedThroughAndTakesEffectOnceEverySeatHasVoted() {
        Answer tabled = api.post("/api/council/proposals", MANAGER, feeSchedule(2031, "450.00"));
        assertThat(tabled.status()).as(tabled.body()).isEqualTo(201);
        String id = tabled.at("/id");
        assertThat(tabled.at("/status")).isEqualTo("OPEN");
        assertThat(tabled.at("/tally/electorate")).isEqualTo("3");
        assertThat(tabled.at("/rules/quorumPercent")).isEqualTo("50");

        assertThat(vote(id, 0, "FOR").status()).isEqualTo(201);
        Answer twice = vote(id, 0, "AGAINST");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.at("/type")).endsWith("already-voted");
        assertThat(vote(id, 1, "AGAINST").status()).isEqualTo(201);
        Answer changed =
                api.put(
                        "/api/council/proposals/" + id + "/votes/mine",
                        delegate[1],
                        "{\"choice\":\"FOR\"}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.at("/myVote")).isEqualTo("FOR");
        assertThat(changed.at("/tally/forVotes")).isEqualTo("2");
        assertThat(changed.at("/status")).as("a seat has not voted yet").isEqualTo("OPEN");

        Answer last = vote(id, 2, "ABSTAIN");
        assertThat(last.status()).isEqualTo(201);
        assertThat(last.at("/status")).isEqualTo("ADOPTED");
        assertThat(last.at("/outcome/early")).isEqualTo("true");
        Answer late =
                api.put(
                        "/api/council/proposals/" + id + "/votes/mine",
                        delegate[2],
                        "{\"choice\":\"FOR\"}");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.at("/type")).endsWith("proposal-closed");

        String member =
                TestIssuer.shared().token("some-member").roles("member").memberId(seat[0]).sign();
        Answer schedule = api.get("/api/council/fee-schedules/2031", member);
        assertThat(schedule.status()).isEqualTo(200);
        assertThat(schedule.at("/resolutionId")).isEqualTo(id);
        assertThat(schedule.at("/currency")).isEqualTo("EUR");
        assertThat(schedule.at("/amounts/SME")).isEqualTo("450.00");
        assertThat(schedule.at("/amounts/PUBLIC_BODY")).isEqualTo("0.00");
        assertThat(schedule.at("/lateAdmission"))
                .as("not given: the default rule")
                .isEqualTo("PRO_RATA_MONTHS");
        assertThat(api.get("/api/council/fee-schedules/2032", FINANCE).status()).isEqualTo(404);

        List<TopicEvents.Event> events = Api.events("membership.council", id, 3);
        assertThat(events)
                .extracting(TopicEvents.Event::type)
                .containsExactly(
                        "cluster.membership.proposal.tabled.v1",
                        "cluster.membership.resolution.adopted.v1",
                        "cluster.membership.fee-schedule.adopted.v1");
        var adopted = events.get(2).data();
        assertThat(adopted.get("feeYear").asInt()).isEqualTo(2031);
        assertThat(adopted.get("amounts").get("RESEARCH").asString()).isEqualTo("300.50");
        assertThat(adopted.get("lateAdmission").asString()).isEqualTo("PRO_RATA_MONTHS");
        assertThat(events.get(1).data().get("tally").get("abstain").asInt()).isEqualTo(1);
    }

    /**
     * The schedule says what a member admitted after the fee year began owes for it; a value it
     * does not know is 400.
     */
    @Test
    void aFeeScheduleCarriesItsLateAdmissionRule() {
        String free =
                feeSchedule(2033, "450.00")
                        .replace(
                                "\"PUBLIC_BODY\":0}",
                                "\"PUBLIC_BODY\":0},"
                                        + "\"lateAdmission\":\"FREE_UNTIL_NEXT_YEAR\"");
        Answer tabled = api.post("/api/council/proposals", MANAGER, free);
        assertThat(tabled.status()).as(tabled.body()).isEqualTo(201);
        assertThat(tabled.at("/terms/lateAdmission")).isEqualTo("FREE_UNTIL_NEXT_YEAR");
        var event = Api.events("membership.council", tabled.at("/id"), 1).getFirst().data();
        assertThat(event.get("terms").get("lateAdmission").asString())
                .isEqualTo("FREE_UNTIL_NEXT_YEAR");

        Answer unknown =
                api.post(
                        "/api/council/proposals",
                        MANAGER,
                        free.replace("FREE_UNTIL_NEXT_YEAR", "SOMETIMES"));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
    }

    @Test
    void aSeatedDelegateTablesAnExemptionThatTheCouncilGrants() {
        String body =
                """
                {"title":"Half fee for Council Org 1 in 2031","motion":{"kind":"FEE_EXEMPTION","memberId":"%s",
                 "extent":"PARTIAL","percent":50,"reason":"Start-up in its first year",
                 "validFrom":"2031-01-01","validUntil":"2031-12-31"}}
                """
                        .formatted(seat[1]);
        Answer tabled = api.post("/api/council/proposals", delegate[0], body);
        assertThat(tabled.status()).as(tabled.body()).isEqualTo(201);
        String id = tabled.at("/id");
        for (int i = 0; i < 3; i++) {
            assertThat(vote(id, i, "FOR").status()).isEqualTo(201);
        }
        Answer own =
                api.get(
                        "/api/council/exemptions",
                        TestIssuer.shared().token("x").roles("member").memberId(seat[1]).sign());
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.at("/content/0/percent")).isEqualTo("50.00");
        assertThat(own.at("/content/0/validUntil")).isEqualTo("2031-12-31");
        Answer others =
                api.get(
                        "/api/council/exemptions?member=" + seat[1],
                        TestIssuer.shared().token("y").roles("member").memberId(seat[2]).sign());
        assertThat(others.status()).isEqualTo(404);
        assertThat(
                        api.get("/api/council/exemptions?member=" + seat[1], FINANCE)
                                .at("/totalElements"))
                .isEqualTo("1");

        List<TopicEvents.Event> events = Api.events("membership.council", id, 3);
        assertThat(events.get(2).type()).isEqualTo("cluster.membership.fee-exemption.granted.v1");
        assertThat(events.get(2).data().get("memberId").asString()).isEqualTo(seat[1]);
        assertThat(events.get(2).data().get("percent").asString()).isEqualTo("50.00");
        assertThat(events.get(2).data().get("extent").asString()).isEqualTo("PARTIAL");
    }

    @Test
    void anAdoptedGroupIsCreatedAndMembersJoinAndLeaveIt() {
        String name = "Water " + UUID.randomUUID().toString().substring(0, 6);
        String body =
                """
                {"title":"Create the water group","motion":{"kind":"GROUP_CREATION","name":"%s",
                 "description":"Irrigation and water reuse","interests":["Irrigation","water reuse"]}}
                """
                        .formatted(name);
        String id = api.post("/api/council/proposals", MANAGER, body).at("/id");
        Answer duplicate =
                api.post("/api/council/proposals", MANAGER, body.replace(name, name.toUpperCase()));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.at("/type")).endsWith("group-name-taken");
        assertThat(api.get("/api/council/proposals/" + id, MANAGER).at("/createdGroupId"))
                .as("no group while the vote is open")
                .isNull();
        vote(id, 0, "FOR");
        vote(id, 1, "FOR");
        Answer adopted = vote(id, 2, "AGAINST");
        assertThat(adopted.at("/status")).isEqualTo("ADOPTED");

        // acceptance testing: an adopted group-creation proposal did not name the group it created;
        // the group could
        // only be found by listing every group. The proposal (as answered to the last ballot and
        // when read again)
        // and the resolution.adopted event now name it.
        String groupId = adopted.at("/createdGroupId");
        assertThat(groupId)
                .as("the group the resolution created, named on the proposal")
                .isNotNull();
        assertThat(api.get("/api/council/proposals/" + id, delegate[0]).at("/createdGroupId"))
                .isEqualTo(groupId);
        String memberUser =
                TestIssuer.shared().token("m1").roles("member").memberId(seat[0]).sign();
        Answer created = api.get("/api/groups/" + groupId, memberUser);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.at("/name")).isEqualTo(name);
        assertThat(created.json().get("interests").toString())
                .isEqualTo("[\"irrigation\",\"water reuse\"]");
        assertThat(created.at("/resolutionId")).isEqualTo(id);
        var councilEvents = Api.events("membership.council", id, 2);
        assertThat(councilEvents.get(1).type())
                .isEqualTo("cluster.membership.resolution.adopted.v1");
        assertThat(councilEvents.get(1).data().path("groupId").asString()).isEqualTo(groupId);

        Answer joined = api.post("/api/groups/" + groupId + "/members", memberUser, null);
        assertThat(joined.status()).as(joined.body()).isEqualTo(201);
        assertThat(joined.at("/memberCount")).isEqualTo("1");
        assertThat(api.post("/api/groups/" + groupId + "/members", memberUser, null).status())
                .isEqualTo(409);
        Answer left = api.delete("/api/groups/" + groupId + "/members/" + seat[0], memberUser);
        assertThat(left.status()).isEqualTo(200);
        assertThat(left.at("/memberCount")).isEqualTo("0");
        assertThat(
                        api.post(
                                        "/api/groups/" + groupId + "/members",
                                        MANAGER,
                                        "{\"memberId\":\"" + seat[1] + "\"}")
                                .status())
                .isEqualTo(201);
        members.leave(new MemberId(seat[1]), "moving abroad", null);
        String group = groupId;
        await("a member leaving the cluster leaves its groups")
                .atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                "0"
                                        .equals(
                                                api.get("/api/groups/" + group, MANAGER)
                                                        .at("/memberCount")));
        Answer inactive =
                api.post(
                        "/api/groups/" + groupId + "/members",
                        MANAGER,
                        "{\"memberId\":\"" + seat[1] + "\"}");
        assertThat(inactive.status()).isEqualTo(409);
        assertThat(inactive.at("/type")).endsWith("member-not-active");

        assertThat(Api.eventTypes("membership.groups", groupId, 5))
                .containsExactly(
                        "cluster.membership.group.created.v1",
                        "cluster.membership.group.membership-changed.v1",
                        "cluster.membership.group.membership-changed.v1",
                        "cluster.membership.group.membership-changed.v1",
                        "cluster.membership.group.membership-changed.v1");
    }

    /**
     * Acceptance testing: {@code GET /api/council/seats} answered {@code "member":{"value":"…"}};
     * the docs promise the member's plain id, as everywhere else in the API.
     */
    @Test
    void seatsNameTheirMemberByItsPlainId() {
        Answer seats = api.get("/api/council/seats", MANAGER);
        assertThat(seats.status()).as(seats.body()).isEqualTo(200);
        List<String> members = new java.util.ArrayList<>();
        for (var one : seats.json()) {
            assertThat(one.get("member").isString()).as(one.toString()).isTrue();
            members.add(one.get("member").asString());
            assertThat(one.get("delegateSubject").isString()).as(one.toString()).isTrue();
            assertThat(one.has("delegateName")).as(one.toString()).isTrue();
        }
        assertThat(members).containsExactlyInAnyOrder(seat);
        assertThat(api.get("/api/council/seats", delegate[0]).json()).isEqualTo(seats.json());
    }

    @Test
    void aVoteClosesAtItsDeadlineAndFailsWithoutQuorum() {
        String body =
                """
                {"title":"Suspend after 30 days overdue","deadline":"%s",
                 "motion":{"kind":"OVERDUE_POLICY","suspend":true,"suspendAfterDays":30}}
                """
                        .formatted(Instant.now().plusSeconds(2));
        String id = api.post("/api/council/proposals", MANAGER, body).at("/id");
        assertThat(vote(id, 0, "FOR").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(15))
                .until(
                        () ->
                                "REJECTED"
                                        .equals(
                                                api.get("/api/council/proposals/" + id, MANAGER)
                                                        .at("/status")));
        Answer closed = api.get("/api/council/proposals/" + id, delegate[0]);
        assertThat(closed.at("/outcome/reason")).isEqualTo("quorum-not-met");
        assertThat(closed.at("/outcome/early")).isEqualTo("false");
        assertThat(closed.at("/ballots/0/choice")).isEqualTo("FOR");
        assertThat(vote(id, 1, "FOR").status()).isEqualTo(409);
        assertThat(Api.eventTypes("membership.council", id, 2))
                .containsExactly(
                        "cluster.membership.proposal.tabled.v1",
                        "cluster.membership.resolution.rejected.v1");
    }

    @Test
    void badProposalsAndBallotsAreProblemsAndChangeNothing() {
        long before = mongo.count(new Query(), "proposals");
        assertProblem(
                api.post(
                        "/api/council/proposals",
                        MANAGER,
                        feeSchedule(2031, "450.00").replace("\"EUR\"", "\"EURO\"")),
                400,
                "motion.currency");
        assertProblem(
                api.post(
                        "/api/council/proposals",
                        MANAGER,
                        feeSchedule(2031, "450.00").replace("\"EUR\"", "\"XYZ\"")),
                400,
                "invalid-currency");
        assertProblem(
                api.post("/api/council/proposals", MANAGER, feeSchedule(2031, "450.001")),
                400,
                "fee-amount-precision");
        assertProblem(
                api.post(
                        "/api/council/proposals",
                        MANAGER,
                        feeSchedule(2031, "450.00").replace("\"SME\":\"450.00\",", "")),
                400,
                "fee-category-missing");
        assertProblem(
                api.post(
                        "/api/council/proposals",
                        MANAGER,
                        "{\"title\":\"x\",\"motion\":{\"kind\":\"BUDGET\"}}"),
                400,
                "");
        assertProblem(
                api.post("/api/council/proposals", MANAGER, "{\"title\":\"x\"}"), 400, "motion");
        assertProblem(
                api.post(
                        "/api/council/proposals",
                        MANAGER,
                        """
                        {"title":"x","motion":{"kind":"FEE_EXEMPTION","memberId":"%s","extent":"FULL","reason":"r",
                         "validFrom":"2031-01-01","validUntil":"2031-12-31"}}\
                        """
                                .formatted(UUID.randomUUID())),
                422,
                "unknown-member");
        assertProblem(
                api.post(
                        "/api/council/proposals",
                        MANAGER,
                        feeSchedule(2031, "450.00")
                                .replace(
                                        "{\"title\"",
                                        "{\"deadline\":\"2020-01-01T00:00:00Z\",\"title\"")),
                400,
                "invalid-deadline");
        assertProblem(
                api.post(
                        "/api/council/proposals",
                        MANAGER,
                        feeSchedule(2031, "x".repeat(2_000_000))),
                413,
                "");
        String unseated =
                TestIssuer.shared().token("nobody").roles("delegate").memberId(seat[0]).sign();
        assertProblem(
                api.post("/api/council/proposals", unseated, feeSchedule(2031, "1")),
                403,
                "council-seat-required");
        assertThat(mongo.count(new Query(), "proposals"))
                .as("nothing half-written")
                .isEqualTo(before);

        String id = api.post("/api/council/proposals", MANAGER, feeSchedule(2033, "1")).at("/id");
        assertProblem(vote(id, 0, "MAYBE"), 400, "");
        assertProblem(
                api.post(
                        "/api/council/proposals/" + id + "/votes", MANAGER, "{\"choice\":\"FOR\"}"),
                403,
                "council-seat-required");
        assertProblem(
                api.put(
                        "/api/council/proposals/" + id + "/votes/mine",
                        delegate[0],
                        "{\"choice\":\"FOR\"}"),
                409,
                "no-vote-to-change");
        assertProblem(
                api.post(
                        "/api/council/proposals/" + UUID.randomUUID() + "/votes",
                        delegate[0],
                        "{\"choice\":\"FOR\"}"),
                404,
                "");
        People.join(people, seat[0], "newcomer");
        members.appointDelegate(new MemberId(seat[0]), "newcomer", "New Delegate", null, null);
        assertProblem(vote(id, 0, "FOR"), 403, "council-seat-required");
    }

    /**
     * A problem whose type or one of its errors' fields names {@code names} (anything, when empty).
     */
    private static void assertProblem(Answer answer, int status, String names) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.raw().headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        List<String> named = new ArrayList<>(List.of(answer.json().path("type").asString("")));
        answer.json().path("errors").forEach(error -> named.add(error.path("field").asString("")));
        assertThat(named).as(answer.body()).anySatisfy(name -> assertThat(name).endsWith(names));
    }

    /**
     * Acceptance testing found a member user naming another organisation's delegate as its own: the
     * seats then listed that user twice and its vote for its own organisation was refused (the seat
     * was looked up by the user's subject and the first one found belonged to the other
     * organisation). A delegate is now only nominated by someone else, and takes the seat by
     * accepting it with a token of that organisation; seats are found by member id. Since issue 17
     * a delegate must moreover be one of the member's people (identity's), so the other
     * organisation's delegate is not even nominated: 422.
     */
    @Test
    void aMemberCannotSeatAnotherOrganisationsDelegateAndSeatsAreFoundByMember() {
        String registration = "CIT-" + UUID.randomUUID().toString().substring(0, 8);
        String other = delegateSubject(1);
        MemberId atlas =
                members.apply(
                                Profile.of(
                                        "Atlas " + registration,
                                        registration,
                                        "MA",
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
        members.admit(atlas, null, null);
        People.join(people, atlas, "amina-" + registration, "lea-" + registration);
        String amina =
                TestIssuer.shared()
                        .token("amina-" + registration)
                        .roles("member")
                        .memberId(atlas.value())
                        .sign();

        Answer refused =
                api.put(
                        "/api/members/" + atlas.value() + "/delegate",
                        amina,
                        "{\"subject\":\"" + other + "\",\"name\":\"Someone Else's\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.at("/type")).endsWith("/delegate-not-a-person-of-member");
        assertThat(members.get(atlas).nominee()).as("nobody is nominated").isNull();
        assertThat(Seats.of(api, MANAGER, "member"))
                .as("the nominee is not seated for the organisation that named it")
                .doesNotContain(atlas.value());

        Answer stolen =
                api.post(
                        "/api/members/" + atlas.value() + "/delegate/acceptance",
                        delegate[1],
                        null);
        assertThat(stolen.status())
                .as("another organisation's user cannot accept: its token is not Atlas's")
                .isEqualTo(404);
        Answer wrongUser =
                api.post("/api/members/" + atlas.value() + "/delegate/acceptance", amina, null);
        assertThat(wrongUser.status()).as("a user of Atlas who is not the nominee").isEqualTo(403);
        assertThat(wrongUser.at("/type")).endsWith("delegate-nomination-missing");

        Answer tabled = api.post("/api/council/proposals", MANAGER, feeSchedule(2033, "100.00"));
        assertThat(tabled.at("/tally/electorate")).isEqualTo("3");

        // even if one user held the seats of two members (written before delegates had to be the
        // member's people),
        // each seat is found by its member
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(atlas.value())),
                new Update()
                        .set(
                                "delegate",
                                new org.bson.Document("subject", other)
                                        .append("name", "Two Seats")
                                        .append("appointedAt", java.util.Date.from(Instant.now()))),
                "members");
        Answer votes = vote(tabled.at("/id"), 1, "FOR");
        assertThat(votes.status()).as(votes.body()).isEqualTo(201);

        String lea =
                TestIssuer.shared()
                        .token("lea-" + registration)
                        .roles("member", "delegate")
                        .memberId(atlas.value())
                        .sign();
        assertThat(
                        api.put(
                                        "/api/members/" + atlas.value() + "/delegate",
                                        amina,
                                        "{\"subject\":\"lea-"
                                                + registration
                                                + "\",\"name\":\"Léa\"}")
                                .status())
                .isEqualTo(202);
        Answer accepted =
                api.post("/api/members/" + atlas.value() + "/delegate/acceptance", lea, null);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.at("/delegate/subject")).isEqualTo("lea-" + registration);
        assertThat(accepted.at("/nominee")).isNull();
        assertThat(
                        api.post(
                                        "/api/members/" + atlas.value() + "/delegate/acceptance",
                                        lea,
                                        null)
                                .status())
                .as("accepting again")
                .isEqualTo(200);
        assertThat(Seats.of(api, MANAGER, "delegateSubject")).contains("lea-" + registration);
    }

    private String delegateSubject(int seatIndex) {
        return members.find(new MemberId(seat[seatIndex])).orElseThrow().delegate().subject();
    }

    private Answer vote(String proposal, int seatIndex, String choice) {
        return api.post(
                "/api/council/proposals/" + proposal + "/votes",
                delegate[seatIndex],
                "{\"choice\":\"" + choice + "\"}");
    }

    private static String feeSchedule(int year, String sme) {
        return """
        {"title":"Fees %1$d","motion":{"kind":"FEE_SCHEDULE","feeYear":%1$d,"currency":"EUR",
         "amounts":{"SME":"%2$s","LARGE_COMPANY":1200,"RESEARCH":"300.50","EDUCATION":"300.50",
         "ASSOCIATION":"150","PUBLIC_BODY":0}}}
        """
                .formatted(year, sme);
    }
}
