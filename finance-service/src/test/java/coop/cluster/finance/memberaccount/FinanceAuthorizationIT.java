package coop.cluster.finance.memberaccount;

import coop.cluster.finance.FinanceApplication;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.security.AuthorizationMatrix;
import coop.cluster.testing.security.MatrixRequest;
import coop.cluster.testing.security.TestIssuer;
import java.util.Date;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.DynamicNode;
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

/** Every finance endpoint × every caller × own or other organisation. */
@EmbeddedInfraTest
@SpringBootTest(classes = FinanceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FinanceAuthorizationIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("finance_authz_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    MongoTemplate mongo;

    @TestFactory
    Stream<DynamicNode> matrix() {
        for (String id : new String[] {AuthorizationMatrix.OWN_MEMBER, AuthorizationMatrix.OTHER_MEMBER}) {
            mongo.upsert(Query.query(Criteria.where("_id").is(id)), new Update().set("legalName", "Org " + id)
                    .set("country", "FR").set("status", "PROSPECT").set("openedAt", new Date())
                    .set("eventsApplied", 1), Document.class, MemberAccounts.COLLECTION);
        }
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .endpoint("GET /api/finance/member-accounts/{memberId}",
                        cell -> MatrixRequest.get("/api/finance/member-accounts/" + cell.memberId()))
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
