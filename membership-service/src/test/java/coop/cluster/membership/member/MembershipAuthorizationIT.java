package coop.cluster.membership.member;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.membership.MembershipApplication;
import coop.cluster.membership.member.domain.Member;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.member.domain.OrganisationType;
import coop.cluster.membership.member.domain.Profile;
import coop.cluster.membership.member.domain.SizeBand;
import coop.cluster.membership.people.OrganisationPeople;
import coop.cluster.membership.testing.People;
import coop.cluster.testing.security.AuthorizationMatrix;
import coop.cluster.testing.security.Cell;
import coop.cluster.testing.security.MatrixRequest;
import coop.cluster.testing.security.Subject;
import coop.cluster.testing.security.TestIssuer;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
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
 * Every {@code /api/members} endpoint × every caller × own or other organisation. Requests that
 * change a member work on a member made for the cell: a fresh applicant or active member for the
 * managers' actions, and the caller's own (or the other) organisation reset to active for the
 * member users' actions, so cells do not depend on order.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = MembershipApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MembershipAuthorizationIT {

    /**
     * The path prefixes of the service's features; each has its matrix, and together they cover
     * every endpoint.
     */
    static final String[] FEATURES = {
        "/api/members", "/api/council/", "/api/groups", "/api/directory", "/api/public/"
    };

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("membership_authz_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired ApplicationContext context;

    @Autowired Members members;

    @Autowired MongoTemplate mongo;

    @Autowired OrganisationPeople people;

    /**
     * The people of the two organisations, as the identity service announces them: a delegate must
     * be one of its member's people. The matrix's member and delegate users belong to their own
     * organisation, another user to the other one.
     */
    @BeforeEach
    void people() {
        People.join(
                people,
                AuthorizationMatrix.OWN_MEMBER,
                Subject.MEMBER.subjectName(),
                Subject.DELEGATE.subjectName());
        People.join(people, AuthorizationMatrix.OTHER_MEMBER, OTHER_PERSON);
    }

    @TestFactory
    Stream<DynamicNode> matrix() {
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .endpoint(
                        "POST /api/members/applications",
                        cell ->
                                MatrixRequest.post(
                                        "/api/members/applications",
                                        """
                                        {"legalName":"Matrix Org","registrationNumber":"M-%s","country":"TN",
                                         "organisationType":"SME","sizeBand":"MICRO"}
                                        """
                                                .formatted(
                                                        UUID.randomUUID()
                                                                .toString()
                                                                .substring(0, 8))))
                .expect(
                        """
                        anonymous 401
                        member    403
                        delegate  403
                        manager   201
                        finance   403
                        feed      403
                        """)
                .endpoint(
                        "GET /api/members",
                        cell -> MatrixRequest.get("/api/members?status=ACTIVE&size=5"))
                .expect(
                        """
                        anonymous 401
                        member    403
                        delegate  403
                        manager   200
                        finance   200
                        feed      403
                        """)
                .endpoint(
                        "GET /api/members/{id}",
                        cell -> MatrixRequest.get("/api/members/" + organisation(cell)))
                .expect(
                        """
                        anonymous 401
                        member    own 200 other 404
                        delegate  own 200 other 404
                        manager   200
                        finance   200
                        feed      403
                        """)
                .endpoint(
                        "PUT /api/members/{id}/profile",
                        cell -> {
                            Member member = members.get(new MemberId(organisation(cell)));
                            return MatrixRequest.put(
                                            "/api/members/" + member.id() + "/profile",
                                            """
                                            {"legalName":"Matrix Org renamed","registrationNumber":"%s","country":"FR",
                                             "region":"FRK26","sectors":["62.01"],"organisationType":"SME","sizeBand":"SMALL"}
                                            """
                                                    .formatted(
                                                            member.profile().registrationNumber()))
                                    .header("If-Match", "\"" + member.version() + "\"");
                        })
                .expect(ownOrganisationOrManagers())
                .endpoint(
                        "POST /api/members/{id}/admit", cell -> action(fresh(false), "admit", "{}"))
                .expect(managersOnly())
                .endpoint(
                        "POST /api/members/{id}/reject",
                        cell ->
                                action(
                                        fresh(false),
                                        "reject",
                                        "{\"reason\":\"outside the territory\"}"))
                .expect(managersOnly())
                .endpoint(
                        "POST /api/members/{id}/suspend",
                        cell -> action(fresh(true), "suspend", "{\"reason\":\"fees unpaid\"}"))
                .expect(managersOnly())
                .endpoint(
                        "POST /api/members/{id}/reinstate",
                        cell -> {
                            String id = fresh(true);
                            members.suspend(new MemberId(id), "fees unpaid", "manager", null);
                            return action(id, "reinstate", "{}");
                        })
                .expect(managersOnly())
                .endpoint(
                        "POST /api/members/{id}/exclude",
                        cell ->
                                action(
                                        fresh(true),
                                        "exclude",
                                        "{\"reason\":\"statutes breached\"}"))
                .expect(managersOnly())
                .endpoint(
                        "POST /api/members/{id}/leave",
                        cell -> action(organisation(cell), "leave", "{}"))
                .expect(ownOrganisationOrManagers())
                .endpoint(
                        "PUT /api/members/{id}/delegate",
                        cell ->
                                MatrixRequest.put(
                                        "/api/members/" + organisation(cell) + "/delegate",
                                        "{\"subject\":\"matrix-delegate\",\"name\":\"Matrix"
                                                + " Delegate\"}"))
                // the delegate user names itself: appointed (200); anyone else only nominates it
                // (202)
                .expect(
                        """
                        anonymous 401
                        member    own 202 other 404
                        delegate  own 200 other 404
                        manager   202
                        finance   403
                        feed      403
                        """)
                .endpoint(
                        "POST /api/members/{id}/delegate/acceptance",
                        cell -> {
                            String id = organisation(cell);
                            members.nominateDelegate(
                                    new MemberId(id), nominee(cell), "Matrix Nominee", null, null);
                            return action(id, "delegate/acceptance", null);
                        })
                // only the nominee, with a token of the member, accepts; others of the member are
                // not the nominee
                .expect(
                        """
                        anonymous 401
                        member    own 200 other 404
                        delegate  own 200 other 404
                        manager   403
                        finance   403
                        feed      403
                        """)
                .coveringEndpointsOf(context, "/api/members")
                .tests();
    }

    /**
     * Authorization comes before validation: a caller without the right to the member gets 403/404
     * for an invalid body too, and never learns the body's rules (acceptance testing got 400
     * there).
     */
    @TestFactory
    Stream<DynamicNode> invalidBodiesAreJudgedAfterTheCallersRights() {
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .endpoint(
                        "PUT /api/members/{id}/delegate",
                        cell ->
                                MatrixRequest.put(
                                        "/api/members/" + organisation(cell) + "/delegate", "{}"))
                .expect(
                        """
                        anonymous 401
                        member    own 400 other 404
                        delegate  own 400 other 404
                        manager   400
                        finance   403
                        feed      403
                        """)
                .tests();
    }

    /**
     * The public page's list: anyone, signed in or not, whatever their role (only listed active
     * members show).
     */
    @TestFactory
    Stream<DynamicNode> thePublicListIsOpenToEveryone() {
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .endpoint(
                        "GET /api/public/members",
                        cell -> MatrixRequest.get("/api/public/members?size=5"))
                .expect(
                        """
                        anonymous 200
                        member    own 200 other 200
                        delegate  own 200 other 200
                        manager   200
                        finance   200
                        feed      200
                        """)
                .coveringEndpointsOf(context, "/api/public/")
                .tests();
    }

    @Test
    void everyEndpointBelongsToAFeatureWithItsOwnMatrix() {
        assertThat(AuthorizationMatrix.unclaimedEndpoints(context, FEATURES)).isEmpty();
    }

    /** Someone of the other organisation. */
    private static final String OTHER_PERSON = "matrix-someone-else";

    /**
     * Who is nominated in the acceptance cells: the caller itself when it is a user of the
     * organisation; someone of the organisation otherwise (what they answer does not depend on who
     * is nominated).
     */
    private static String nominee(Cell cell) {
        if (!cell.own()) {
            return OTHER_PERSON;
        }
        return cell.subject().hasOrganisation()
                ? cell.subject().subjectName()
                : Subject.MEMBER.subjectName();
    }

    /**
     * The organisation's own member and delegate users (another's answers 404), and the managers.
     */
    private static String ownOrganisationOrManagers() {
        return """
        anonymous 401
        member    own 200 other 404
        delegate  own 200 other 404
        manager   200
        finance   403
        feed      403
        """;
    }

    private static String managersOnly() {
        return """
        anonymous 401
        member    403
        delegate  403
        manager   200
        finance   403
        feed      403
        """;
    }

    private static MatrixRequest action(String member, String action, String body) {
        return MatrixRequest.post("/api/members/" + member + "/" + action, body);
    }

    /**
     * The cell's organisation (the caller's own or the other one), active again whatever earlier
     * cells did.
     */
    private String organisation(Cell cell) {
        String id = cell.memberId();
        mongo.remove(Query.query(Criteria.where("_id").is(id)), "members");
        members.apply(
                new MemberId(id),
                profile(
                        "RC-"
                                + id.substring(0, 8)
                                + "-"
                                + UUID.randomUUID().toString().substring(0, 6)));
        members.admit(new MemberId(id), null, null);
        return id;
    }

    /** A new member: an applicant, or an active member. */
    private String fresh(boolean active) {
        Member member =
                members.apply(
                        profile("F-" + UUID.randomUUID().toString().substring(0, 8)), "manon");
        if (active) {
            members.admit(member.id(), null, null);
        }
        return member.id().value();
    }

    private static Profile profile(String registration) {
        return Profile.of(
                "Matrix Org " + registration,
                registration,
                "FR",
                null,
                List.of(),
                OrganisationType.SME,
                SizeBand.MICRO,
                List.of(),
                List.of(),
                List.of(),
                null,
                null);
    }

    /**
     * Authorization first, then validation: no handler of this service validates its body before
     * checking the caller.
     */
    @Test
    void noHandlerValidatesItsBodyBeforeCheckingTheCaller() {
        assertThat(
                        coop.cluster.testing.security.ValidationOrder
                                .bodiesValidatedBeforeAuthorization(context))
                .isEmpty();
    }
}
