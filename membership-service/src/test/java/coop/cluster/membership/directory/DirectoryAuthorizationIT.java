package coop.cluster.membership.directory;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.membership.MembershipApplication;
import coop.cluster.membership.member.Members;
import coop.cluster.membership.member.domain.Member;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.membership.member.domain.OrganisationType;
import coop.cluster.membership.member.domain.Profile;
import coop.cluster.membership.member.domain.SizeBand;
import coop.cluster.membership.member.persistence.MemberStore;
import coop.cluster.testing.security.AuthorizationMatrix;
import coop.cluster.testing.security.Cell;
import coop.cluster.testing.security.MatrixRequest;
import coop.cluster.testing.security.TestIssuer;
import java.time.Instant;
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
 * Every {@code /api/directory} endpoint × every caller. The directory is for active members, so for
 * member and delegate callers the cell's "own"/"other" column is used for the state of the caller's
 * own organisation: "own" is an active member, "other" a member that is not active (suspended for
 * member users, an applicant for delegate users). Managers see it; finance staff and feeds do not.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = MembershipApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DirectoryAuthorizationIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("membership_directory_authz_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired ApplicationContext context;

    @Autowired Members members;

    @Autowired MemberStore store;

    @Autowired MongoTemplate mongo;

    @TestFactory
    Stream<DynamicNode> matrix() {
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .endpoint(
                        "GET /api/directory",
                        cell -> {
                            callerOrganisation(cell);
                            return MatrixRequest.get("/api/directory?q=matrix&sector=J62&size=5");
                        })
                .expect(
                        """
                        anonymous 401
                        member    own 200 other 403
                        delegate  own 200 other 403
                        manager   200
                        finance   403
                        feed      403
                        """)
                .coveringEndpointsOf(context, "/api/directory")
                .tests();
    }

    /**
     * The member and delegate callers' organisation ({@link AuthorizationMatrix#OWN_MEMBER}), filed
     * anew: active for "own" cells, not active for "other" cells.
     */
    private void callerOrganisation(Cell cell) {
        if (!cell.subject().hasOrganisation()) {
            return;
        }
        MemberId id = new MemberId(AuthorizationMatrix.OWN_MEMBER);
        mongo.remove(Query.query(Criteria.where("_id").is(id.value())), "members");
        String registration = "D-" + UUID.randomUUID().toString().substring(0, 8);
        store.add(
                Member.apply(
                        id,
                        Profile.of(
                                "Matrix Org " + registration,
                                registration,
                                "FR",
                                "FRK26",
                                List.of("62.01"),
                                OrganisationType.SME,
                                SizeBand.MICRO,
                                List.of(),
                                List.of(),
                                List.of(),
                                null,
                                null),
                        Instant.now()),
                List.of());
        if (cell.own()) {
            members.admit(id, null, null);
        } else if (cell.subject().role().equals("member")) {
            members.admit(id, null, null);
            members.suspend(id, "fees unpaid", "manager", null);
        }
    }
}
