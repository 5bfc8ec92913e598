package coop.cluster.project.project;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.project.ProjectApplication;
import coop.cluster.project.project.domain.Agreement;
import coop.cluster.project.project.domain.Needs;
import coop.cluster.project.project.domain.Project;
import coop.cluster.project.project.domain.ProjectDetails;
import coop.cluster.testing.security.AuthorizationMatrix;
import coop.cluster.testing.security.Cell;
import coop.cluster.testing.security.MatrixRequest;
import coop.cluster.testing.security.TestIssuer;
import java.util.List;
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
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every {@code /api/projects} endpoint × every caller × own or other organisation. Each cell works
 * on a fresh project led by the cell's organisation (the caller's own, or another), a draft unless
 * the action needs more; both organisations are active members in the service's view.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = ProjectApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProjectAuthorizationIT {

    /**
     * The path prefixes of the service's features; each has its matrix, and together they cover
     * every endpoint.
     */
    static final String[] FEATURES = {"/api/projects", "/api/invitations"};

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("project_authz_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired ApplicationContext context;

    @Autowired Projects projects;

    @Autowired coop.cluster.project.invitation.Invitations invitations;

    @Autowired MongoTemplate mongo;

    @BeforeEach
    void activeMembers() {
        for (String id :
                new String[] {AuthorizationMatrix.OWN_MEMBER, AuthorizationMatrix.OTHER_MEMBER}) {
            mongo.upsert(
                    Query.query(Criteria.where("_id").is(id)),
                    Update.update("status", "ACTIVE"),
                    "members");
        }
    }

    @TestFactory
    Stream<DynamicNode> matrix() {
        activeMembers();
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .endpoint("POST /api/projects", cell -> MatrixRequest.post("/api/projects", body()))
                .expect(
                        """
                        anonymous 401
                        member    201
                        delegate  201
                        manager   403
                        finance   403
                        feed      403
                        """)
                .endpoint("GET /api/projects", cell -> MatrixRequest.get("/api/projects?size=5"))
                .expect(
                        """
                        anonymous 401
                        member    200
                        delegate  200
                        manager   200
                        finance   403
                        feed      403
                        """)
                .endpoint(
                        "GET /api/projects/{id}",
                        cell -> MatrixRequest.get("/api/projects/" + draft(cell)))
                .expect(leaderOrManagers(200, 200))
                .endpoint(
                        "PUT /api/projects/{id}",
                        cell ->
                                MatrixRequest.put("/api/projects/" + draft(cell), body())
                                        .header("If-Match", "\"0\""))
                .expect(leaderOrManagers(200, 403))
                .endpoint(
                        "POST /api/projects/{id}/open",
                        cell -> MatrixRequest.post("/api/projects/" + draft(cell) + "/open", "{}"))
                .expect(leaderOrManagers(200, 403))
                .endpoint(
                        "POST /api/projects/{id}/close",
                        cell ->
                                MatrixRequest.post(
                                        "/api/projects/" + active(cell) + "/close",
                                        "{\"reason\":\"done\"}"))
                .expect(visibleToAllConcerningOne(200, 403))
                .endpoint(
                        "POST /api/projects/{id}/abandon",
                        cell ->
                                MatrixRequest.post(
                                        "/api/projects/" + draft(cell) + "/abandon",
                                        "{\"reason\":\"stop\"}"))
                .expect(leaderOrManagers(200, 200))
                .endpoint(
                        "POST /api/projects/{id}/invitations",
                        cell ->
                                MatrixRequest.post(
                                        "/api/projects/" + forming(cell) + "/invitations",
                                        invite(invitee())))
                .expect(visibleToAllConcerningOne(201, 403))
                .endpoint(
                        "GET /api/projects/{id}/invitations",
                        cell ->
                                MatrixRequest.get(
                                        "/api/projects/" + forming(cell) + "/invitations"))
                .expect(visibleToAllConcerningOne(200, 200))
                .endpoint(
                        "GET /api/projects/{id}/suggestions",
                        cell ->
                                MatrixRequest.get(
                                        "/api/projects/" + forming(cell) + "/suggestions"))
                .expect(visibleToAllConcerningOne(200, 200))
                .endpoint(
                        "POST /api/projects/{id}/leave",
                        cell ->
                                MatrixRequest.post(
                                        "/api/projects/"
                                                + withPartner(cell.memberId(), false)
                                                + "/leave",
                                        "{}"))
                .expect(visibleToAllConcerningOne(200, 403))
                .endpoint(
                        "PUT /api/projects/{id}/leadership",
                        cell -> {
                            String third = invitee();
                            String id = forming(cell);
                            projects.join(id, third, "partner", "matrix");
                            return MatrixRequest.put(
                                    "/api/projects/" + id + "/leadership",
                                    "{\"memberId\":\"" + third + "\"}");
                        })
                .expect(visibleToAllConcerningOne(200, 403))
                .endpoint(
                        "POST /api/projects/{id}/leadership/accept",
                        cell ->
                                MatrixRequest.post(
                                        "/api/projects/"
                                                + withPartner(cell.memberId(), true)
                                                + "/leadership/accept",
                                        "{}"))
                .expect(visibleToAllConcerningOne(200, 403))
                .endpoint(
                        "POST /api/projects/{id}/leadership/decline",
                        cell ->
                                MatrixRequest.post(
                                        "/api/projects/"
                                                + withPartner(cell.memberId(), true)
                                                + "/leadership/decline",
                                        "{}"))
                .expect(visibleToAllConcerningOne(200, 403))
                .endpoint(
                        "PUT /api/projects/{id}/agreement",
                        cell -> {
                            String id = forming(cell);
                            return MatrixRequest.put(
                                    "/api/projects/" + id + "/agreement",
                                    """
                                    {"currency":"EUR","coordinator":"%1$s","settlementRule":"pro rata",
                                     "contributions":[{"memberId":"%1$s","money":"100.00"}]}\
                                    """
                                            .formatted(cell.memberId()));
                        })
                .expect(visibleToAllConcerningOne(200, 403))
                .endpoint(
                        "POST /api/projects/{id}/agreement/signatures",
                        cell -> {
                            String id = withPartner(cell.memberId(), false);
                            Project project = projects.get(id);
                            projects.proposeAgreement(
                                    id,
                                    "EUR",
                                    project.partners().stream()
                                            .map(
                                                    p ->
                                                            new Agreement.Contribution(
                                                                    p.memberId(),
                                                                    java.math.BigDecimal.TEN,
                                                                    null,
                                                                    null))
                                            .toList(),
                                    project.leader(),
                                    List.of(),
                                    "pro rata",
                                    null);
                            return MatrixRequest.post(
                                    "/api/projects/" + id + "/agreement/signatures",
                                    "{\"version\":1}");
                        })
                .expect(visibleToAllConcerningOne(200, 403))
                .coveringEndpointsOf(context, "/api/projects")
                .tests();
    }

    /**
     * Authorization comes before validation: someone who may not lead the project gets 403 for an
     * invalid agreement too (acceptance testing got 400 for amina's), and only its leader learns
     * what is wrong with the body.
     */
    @TestFactory
    Stream<DynamicNode> invalidBodiesAreJudgedAfterTheCallersRights() {
        activeMembers();
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .endpoint(
                        "PUT /api/projects/{id}/agreement",
                        cell ->
                                MatrixRequest.put(
                                        "/api/projects/" + forming(cell) + "/agreement",
                                        "{\"currency\":\"euros\",\"contributions\":[]}"))
                .expect(visibleToAllConcerningOne(400, 403))
                .endpoint(
                        "POST /api/projects/{id}/agreement/signatures",
                        cell ->
                                MatrixRequest.post(
                                        "/api/projects/"
                                                + withPartner(cell.memberId(), false)
                                                + "/agreement/signatures",
                                        "{\"version\":0}"))
                .expect(visibleToAllConcerningOne(400, 403))
                .endpoint(
                        "PUT /api/projects/{id}/leadership",
                        cell ->
                                MatrixRequest.put(
                                        "/api/projects/" + forming(cell) + "/leadership",
                                        "{\"memberId\":\"not-a-uuid\"}"))
                .expect(visibleToAllConcerningOne(400, 403))
                .tests();
    }

    /**
     * Every {@code /api/invitations} endpoint: each cell's invitation is sent by a project of the
     * other organisation to the cell's organisation (own: the caller is the invitee), or to a third
     * member (other).
     */
    @TestFactory
    Stream<DynamicNode> invitations() {
        activeMembers();
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .endpoint(
                        "GET /api/invitations",
                        cell -> MatrixRequest.get("/api/invitations?status=PENDING"))
                .expect(
                        """
                        anonymous 401
                        member    200
                        delegate  200
                        manager   403
                        finance   403
                        feed      403
                        """)
                .endpoint(
                        "GET /api/invitations/{id}",
                        cell -> MatrixRequest.get("/api/invitations/" + invitation(cell)))
                .expect(leaderOrManagers(200, 200))
                .endpoint(
                        "POST /api/invitations/{id}/accept",
                        cell ->
                                MatrixRequest.post(
                                        "/api/invitations/" + invitation(cell) + "/accept", "{}"))
                .expect(leaderOrManagers(200, 403))
                .endpoint(
                        "POST /api/invitations/{id}/decline",
                        cell ->
                                MatrixRequest.post(
                                        "/api/invitations/" + invitation(cell) + "/decline", "{}"))
                .expect(leaderOrManagers(200, 403))
                .endpoint(
                        "POST /api/invitations/{id}/withdraw",
                        cell ->
                                MatrixRequest.post(
                                        "/api/invitations/" + sentBy(cell) + "/withdraw", "{}"))
                .expect(leaderOrManagers(200, 403))
                .coveringEndpointsOf(context, "/api/invitations")
                .tests();
    }

    /**
     * An object every member sees (a forming project) but whose action concerns one organisation
     * (its leader, the partner leaving or signing): another organisation is refused, 403.
     */
    private static String visibleToAllConcerningOne(int leader, int manager) {
        return """
        anonymous 401
        member    own %1$d other 403
        delegate  own %1$d other 403
        manager   %2$d
        finance   403
        feed      403
        """
                .formatted(leader, manager);
    }

    /**
     * A forming project led by a third member, with {@code partner} in it, offered the leadership
     * if asked.
     */
    private String withPartner(String partner, boolean offered) {
        String leader = invitee();
        String id =
                projects.start(
                                leader,
                                new ProjectDetails(
                                        "Matrix project", null, null, Needs.none(), null))
                        .id();
        projects.open(id, leader, null);
        projects.join(id, partner, "partner", "matrix");
        if (offered) {
            projects.offerLeadership(id, partner, null);
        }
        return id;
    }

    private String forming(Cell cell) {
        String id = draft(cell);
        return projects.open(id, cell.memberId(), null).id();
    }

    /** A fresh active member of the view, for a fresh pending invitation. */
    private String invitee() {
        String id = java.util.UUID.randomUUID().toString();
        mongo.upsert(
                Query.query(Criteria.where("_id").is(id)),
                Update.update("status", "ACTIVE"),
                "members");
        return id;
    }

    /**
     * A pending invitation from the other organisation's project: to the caller's organisation
     * (own), or to a third member (other), which leaves the caller neither invitee nor inviter.
     */
    private String invitation(Cell cell) {
        String project =
                forming(new Cell(cell.subject(), coop.cluster.testing.security.Ownership.OTHER));
        String invitee = cell.own() ? AuthorizationMatrix.OWN_MEMBER : invitee();
        return invitations.invite(projects.get(project), invitee, "partner", null).id();
    }

    /**
     * A pending invitation sent by a project of the cell's organisation (own), or of another
     * (other).
     */
    private String sentBy(Cell cell) {
        return invitations.invite(projects.get(forming(cell)), invitee(), "partner", null).id();
    }

    private static String invite(String member) {
        return "{\"memberId\":\"" + member + "\",\"role\":\"partner\"}";
    }

    @Test
    void everyEndpointBelongsToAFeatureWithItsOwnMatrix() {
        assertThat(AuthorizationMatrix.unclaimedEndpoints(context, FEATURES)).isEmpty();
    }

    /**
     * The organisation concerned (a draft's leader, an invitation's invitee or inviter); another
     * organisation does not see the object (404).
     */
    private static String leaderOrManagers(int leader, int manager) {
        return """
        anonymous 401
        member    own %1$d other 404
        delegate  own %1$d other 404
        manager   %2$d
        finance   403
        feed      403
        """
                .formatted(leader, manager);
    }

    private String draft(Cell cell) {
        return projects.start(
                        cell.memberId(),
                        new ProjectDetails("Matrix project", null, null, Needs.none(), null))
                .id();
    }

    /**
     * A project past its forming (the agreement flow's outcome), so that closing it is a matter of
     * rights.
     */
    private String active(Cell cell) {
        String id = draft(cell);
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(id)),
                Update.update("status", "ACTIVE"),
                "projects");
        return id;
    }

    private static String body() {
        return """
        {"title":"Matrix project","neededCompetences":["robotics"]}\
        """;
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
