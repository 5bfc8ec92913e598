package coop.cluster.membership.member;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.membership.MembershipApplication;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.testing.security.AuthorizationMatrix;
import coop.cluster.testing.security.MatrixRequest;
import coop.cluster.testing.security.TestIssuer;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every membership endpoint × every caller × own or other organisation. */
@EmbeddedInfraTest
@SpringBootTest(classes = MembershipApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MembershipAuthorizationIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("membership_authz_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Applications applications;


    @TestFactory
    Stream<DynamicNode> matrix() {
        for (String id : new String[] {AuthorizationMatrix.OWN_MEMBER, AuthorizationMatrix.OTHER_MEMBER}) {
            if (applications.find(new MemberId(id)).isEmpty()) {
                applications.apply(new MemberId(id), "Org " + id, "RC-" + id.substring(0, 8), "FR");
            }
        }
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .endpoint("POST /api/members/applications", cell -> MatrixRequest.post("/api/members/applications",
                        """
                        {"legalName":"Matrix Org","registrationNumber":"M-%s","country":"TN"}
                        """.formatted(UUID.randomUUID().toString().substring(0, 8))))
                .expect("""
                        anonymous 401
                        member    403
                        delegate  403
                        manager   201
                        finance   403
                        feed      403
                        """)
                .endpoint("GET /api/members/{id}", cell -> MatrixRequest.get("/api/members/" + cell.memberId()))
                .expect("""
                        anonymous 401
                        member    own 200 other 404
                        delegate  own 200 other 404
                        manager   200
                        finance   200
                        feed      403
                        """)
                .coveringEndpointsOf(context)
                .tests();
    }
}
