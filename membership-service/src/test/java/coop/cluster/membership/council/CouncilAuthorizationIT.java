package coop.cluster.membership.council;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.membership.MembershipApplication;
import coop.cluster.membership.council.domain.OverduePolicy;
import coop.cluster.membership.council.domain.Proposal;
import coop.cluster.membership.council.domain.VoteChoice;
import coop.cluster.membership.group.Groups;
import coop.cluster.membership.member.CouncilRoll;
import coop.cluster.membership.member.Members;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.member.domain.OrganisationType;
import coop.cluster.membership.member.domain.Profile;
import coop.cluster.membership.member.domain.SizeBand;
import coop.cluster.membership.people.OrganisationPeople;
import coop.cluster.membership.testing.People;
import coop.cluster.testing.security.AuthorizationMatrix;
import coop.cluster.testing.security.MatrixRequest;
import coop.cluster.testing.security.Subject;
import coop.cluster.testing.security.TestIssuer;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every {@code /api/council} and {@code /api/groups} endpoint × every caller × own or other
 * organisation. The matrix's delegate user holds the seat of its organisation, which is active; so
 * is the other organisation, with another delegate. Proposals and groups are made fresh for the
 * cells that change them.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = MembershipApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CouncilAuthorizationIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("membership_council_authz_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired ApplicationContext context;

    @Autowired Members members;

    @Autowired Council council;

    @Autowired CouncilRoll roll;

    @Autowired Groups groups;

    @Autowired MongoTemplate mongo;

    @Autowired OrganisationPeople people;

    @TestFactory
    Stream<DynamicNode> council() {
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .endpoint(
                        "GET /api/council/seats",
                        cell -> {
                            seated();
                            return MatrixRequest.get("/api/council/seats");
                        })
                .expect(councilOnly(200))
                .endpoint(
                        "POST /api/council/proposals",
                        cell -> {
                            seated();
                            return MatrixRequest.post(
                                    "/api/council/proposals",
                                    """
                                    {"title":"Matrix policy","motion":{"kind":"OVERDUE_POLICY","suspend":false,
                                     "suspendAfterDays":0}}\
                                    """);
                        })
                .expect(councilOnly(201))
                .endpoint(
                        "GET /api/council/proposals",
                        cell -> MatrixRequest.get("/api/council/proposals"))
                .expect(councilOnly(200))
                .endpoint(
                        "GET /api/council/proposals/{id}",
                        cell -> MatrixRequest.get("/api/council/proposals/" + proposal().id()))
                .expect(councilOnly(200))
                .endpoint(
                        "POST /api/council/proposals/{id}/votes",
                        cell ->
                                MatrixRequest.post(
                                        "/api/council/proposals/" + proposal().id() + "/votes",
                                        "{\"choice\":\"FOR\"}"))
                .expect(seatOnly(201))
                .endpoint(
                        "PUT /api/council/proposals/{id}/votes/mine",
                        cell -> {
                            Proposal proposal = proposal();
                            council.vote(
                                    proposal.id(),
                                    roll.seatOf(new MemberId(AuthorizationMatrix.OWN_MEMBER))
                                            .orElseThrow(),
                                    VoteChoice.AGAINST);
                            return MatrixRequest.put(
                                    "/api/council/proposals/" + proposal.id() + "/votes/mine",
                                    "{\"choice\":\"FOR\"}");
                        })
                .expect(seatOnly(200))
                .endpoint(
                        "GET /api/council/fee-schedules",
                        cell -> MatrixRequest.get("/api/council/fee-schedules"))
                .expect(everyoneButFeeds())
                .endpoint(
                        "GET /api/council/fee-schedules/{year}",
                        cell -> {
                            adoptedFeeSchedule();
                            return MatrixRequest.get("/api/council/fee-schedules/2040");
                        })
                .expect(everyoneButFeeds())
                .endpoint(
                        "GET /api/council/exemptions",
                        cell ->
                                MatrixRequest.get(
                                        "/api/council/exemptions?member=" + cell.memberId()))
                .expect(
                        """
                        anonymous 401
                        member    own 200 other 404
                        delegate  200
                        manager   200
                        finance   200
                        feed      403
                        """)
                .coveringEndpointsOf(context, "/api/council/")
                .tests();
    }

    @TestFactory
    Stream<DynamicNode> groups() {
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .endpoint("GET /api/groups", cell -> MatrixRequest.get("/api/groups"))
                .expect(membersAndManagers(200))
                .endpoint(
                        "GET /api/groups/{id}",
                        cell -> MatrixRequest.get("/api/groups/" + group(null)))
                .expect(membersAndManagers(200))
                .endpoint(
                        "POST /api/groups/{id}/members",
                        cell -> {
                            seated();
                            return MatrixRequest.post(
                                    "/api/groups/" + group(null) + "/members",
                                    "{\"memberId\":\"" + cell.memberId() + "\"}");
                        })
                .expect(ownOrganisationOrManagers(201))
                .endpoint(
                        "DELETE /api/groups/{id}/members/{memberId}",
                        cell -> {
                            seated();
                            return MatrixRequest.delete(
                                    "/api/groups/"
                                            + group(cell.memberId())
                                            + "/members/"
                                            + cell.memberId());
                        })
                .expect(ownOrganisationOrManagers(200))
                .coveringEndpointsOf(context, "/api/groups")
                .tests();
    }

    private static String councilOnly(int status) {
        return """
        anonymous 401
        member    403
        delegate  %1$d
        manager   %1$d
        finance   403
        feed      403
        """
                .formatted(status);
    }

    private static String seatOnly(int status) {
        return """
        anonymous 401
        member    403
        delegate  %d
        manager   403
        finance   403
        feed      403
        """
                .formatted(status);
    }

    private static String everyoneButFeeds() {
        return """
        anonymous 401
        member    200
        delegate  200
        manager   200
        finance   200
        feed      403
        """;
    }

    private static String membersAndManagers(int status) {
        return """
        anonymous 401
        member    %1$d
        delegate  %1$d
        manager   %1$d
        finance   403
        feed      403
        """
                .formatted(status);
    }

    private static String ownOrganisationOrManagers(int status) {
        return """
        anonymous 401
        member    own %1$d other 404
        delegate  own %1$d other 404
        manager   %1$d
        finance   403
        feed      403
        """
                .formatted(status);
    }

    /**
     * Authorization comes before validation: a feed or a finance user posting an invalid join gets
     * 403, as for a valid one (acceptance testing got 400 for a feed's {@code {}}); the callers who
     * may join get the 400.
     */
    @TestFactory
    Stream<DynamicNode> invalidJoinsAreJudgedAfterTheCallersRights() {
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .endpoint(
                        "POST /api/groups/{id}/members",
                        cell -> {
                            seated();
                            return MatrixRequest.post(
                                    "/api/groups/" + group(null) + "/members",
                                    "{\"memberId\":\"not-a-uuid\"}");
                        })
                .expect(
                        """
                        anonymous 401
                        member    400
                        delegate  400
                        manager   400
                        finance   403
                        feed      403
                        """)
                .tests();
    }

    /** The two organisations active, the matrix delegate in its organisation's seat. */
    private synchronized void seated() {
        if (roll.seatOf(new MemberId(AuthorizationMatrix.OWN_MEMBER)).isPresent()
                && roll.isActive(new MemberId(AuthorizationMatrix.OTHER_MEMBER))) {
            return;
        }
        for (String id :
                List.of(AuthorizationMatrix.OWN_MEMBER, AuthorizationMatrix.OTHER_MEMBER)) {
            mongo.remove(Query.query(Criteria.where("_id").is(id)), "members");
            MemberId member = new MemberId(id);
            String registration = "CA-" + UUID.randomUUID().toString().substring(0, 8);
            members.apply(
                    member,
                    Profile.of(
                            "Council Matrix " + registration,
                            registration,
                            "BE",
                            null,
                            List.of(),
                            OrganisationType.SME,
                            SizeBand.MICRO,
                            List.of(),
                            List.of(),
                            List.of(),
                            null,
                            null));
            members.admit(member, null, null);
            String subject =
                    id.equals(AuthorizationMatrix.OWN_MEMBER)
                            ? Subject.DELEGATE.subjectName()
                            : "matrix-other-delegate";
            People.join(people, member, subject);
            members.appointDelegate(member, subject, "Matrix Delegate", null, null);
        }
    }

    /** A fresh open proposal that the matrix delegate's seat has not voted on. */
    private Proposal proposal() {
        seated();
        return council.table(
                "Matrix " + UUID.randomUUID(), new OverduePolicy(true, 30), null, "manon");
    }

    private synchronized void adoptedFeeSchedule() {
        seated();
        if (council.feeSchedules(2040, org.springframework.data.domain.Pageable.ofSize(1))
                .hasContent()) {
            return;
        }
        var amounts =
                new java.util.EnumMap<OrganisationType, java.math.BigDecimal>(
                        OrganisationType.class);
        for (OrganisationType type : OrganisationType.values()) {
            amounts.put(type, java.math.BigDecimal.TEN);
        }
        Proposal proposal =
                council.table(
                        "Fees 2040",
                        new coop.cluster.membership.council.domain.FeeSchedule(
                                2040, "EUR", amounts),
                        null,
                        "manon");
        for (CouncilRoll.Seat seat : roll.seats()) {
            council.vote(proposal.id(), seat, VoteChoice.FOR);
        }
    }

    /** A fresh group, with {@code member} in it when not null. */
    private String group(String member) {
        String id =
                groups.createByResolution(
                                UUID.randomUUID().toString(),
                                "Matrix group " + UUID.randomUUID(),
                                null,
                                List.of("matrix"))
                        .id();
        if (member != null) {
            groups.join(id, new MemberId(member));
        }
        return id;
    }
}
