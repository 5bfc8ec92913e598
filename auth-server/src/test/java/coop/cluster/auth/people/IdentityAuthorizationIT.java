package coop.cluster.auth.people;

import coop.cluster.auth.AuthServerApplication;
import coop.cluster.auth.clients.Clients;
import coop.cluster.auth.people.domain.Email;
import coop.cluster.auth.people.domain.Invitation;
import coop.cluster.auth.people.domain.Language;
import coop.cluster.auth.people.domain.OrganisationRole;
import coop.cluster.auth.people.domain.Person;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.plumbing.security.AccessTokenRules;
import coop.cluster.plumbing.security.ClusterJwtDecoders;
import coop.cluster.plumbing.security.SecuritySettings;
import coop.cluster.testing.security.AuthorizationMatrix;
import coop.cluster.testing.security.Cell;
import coop.cluster.testing.security.MatrixRequest;
import coop.cluster.testing.security.Subject;
import coop.cluster.testing.security.TestIssuer;
import java.nio.file.Files;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every {@code /api/identity} endpoint (but the clients', another part's) × every caller, the
 * organisation's admin and the platform administrator included × own or other organisation. The
 * API's decoder is pointed at the {@link TestIssuer} (the issuer's own decoder would only take its
 * own tokens), with the same rules.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = {AuthServerApplication.class, IdentityAuthorizationIT.TestTokens.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdentityAuthorizationIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("identity_authz_it"));
        registry.add("cluster.identity.demo.enabled", () -> "true");
        String keyFile =
                Files.createTempDirectory("identity-authz-").resolve("signing-key.jwk").toString();
        registry.add("cluster.identity.signing-key-file", () -> keyFile);
        TestIssuer.shared().register(registry);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestTokens {

        @Bean
        @Primary
        JwtDecoder testIssuerTokens(SecuritySettings settings, AccessTokenRules rules) {
            return ClusterJwtDecoders.lazy(TestIssuer.shared().issuerUri(), "", settings, rules);
        }
    }

    @LocalServerPort int port;

    @Autowired ApplicationContext context;

    @Autowired People people;

    @Autowired Clients clients;

    /** The matrix's callers are people too (GET /me). */
    @BeforeEach
    void matrixPeople() {
        for (Subject subject : Subject.values()) {
            if (subject == Subject.ANONYMOUS || subject == Subject.FEED) {
                continue;
            }
            if (people.find(subject.subjectName()).isPresent()) {
                continue;
            }
            try {
                people.registerDirectly(
                        subject.subjectName(),
                        new Email(subject.subjectName().replace('_', '-') + "@matrix.test"),
                        "0123456789",
                        subject.name(),
                        Language.EN,
                        "demo");
            } catch (DuplicateKeyException meanwhile) {
                // another cell made it
            }
        }
    }

    @TestFactory
    Stream<DynamicNode> matrix() {
        return AuthorizationMatrix.at("http://127.0.0.1:" + port, TestIssuer.shared())
                .withSubjects(Subject.ADMIN, Subject.PLATFORM_ADMIN)
                .endpoint(
                        "POST /api/identity/invitations",
                        cell ->
                                MatrixRequest.post(
                                        "/api/identity/invitations",
                                        """
                                        {"email":"%s","memberId":"%s","roles":["member"]}
                                        """
                                                .formatted(freshEmail(), cell.memberId())))
                .expect(
                        """
                        anonymous      401
                        member         403
                        delegate       403
                        manager        201
                        finance        403
                        feed           403
                        admin          own 201 other 404
                        platform-admin 403
                        """)
                .endpoint(
                        "GET /api/identity/invitations",
                        cell ->
                                MatrixRequest.get(
                                        "/api/identity/invitations?memberId=" + cell.memberId()))
                .expect(
                        """
                        anonymous      401
                        member         403
                        delegate       403
                        manager        200
                        finance        403
                        feed           403
                        admin          own 200 other 404
                        platform-admin 200
                        """)
                .endpoint(
                        "DELETE /api/identity/invitations/{id}",
                        cell ->
                                MatrixRequest.delete(
                                        "/api/identity/invitations/" + invitationIn(cell)))
                .expect(
                        """
                        anonymous      401
                        member         403
                        delegate       403
                        manager        204
                        finance        403
                        feed           403
                        admin          own 204 other 404
                        platform-admin 404
                        """)
                .endpoint(
                        "POST /api/identity/invitations/{id}/resend",
                        cell ->
                                MatrixRequest.post(
                                        "/api/identity/invitations/"
                                                + invitationIn(cell)
                                                + "/resend",
                                        null))
                .expect(
                        """
                        anonymous      401
                        member         403
                        delegate       403
                        manager        202
                        finance        403
                        feed           403
                        admin          own 202 other 404
                        platform-admin 404
                        """)
                .endpoint(
                        "POST /api/identity/invitations/acceptance",
                        cell ->
                                MatrixRequest.post(
                                        "/api/identity/invitations/acceptance",
                                        "{\"token\":\"not-a-link-0123456789012345\",\"password\":\"0123456789ab\"}"))
                .expect(everyone("400"))
                .endpoint(
                        "POST /api/identity/sign-ups",
                        cell ->
                                MatrixRequest.post(
                                        "/api/identity/sign-ups",
                                        """
                                        {"email":"%s","displayName":"M","language":"en","password":"0123456789ab"}
                                        """
                                                .formatted(freshEmail())))
                .expect(everyone("202"))
                .endpoint(
                        "POST /api/identity/sign-ups/confirmation",
                        cell ->
                                MatrixRequest.post(
                                        "/api/identity/sign-ups/confirmation",
                                        "{\"token\":\"not-a-link-0123456789012345\"}"))
                .expect(everyone("400"))
                .endpoint(
                        "POST /api/identity/password-resets",
                        cell ->
                                MatrixRequest.post(
                                        "/api/identity/password-resets",
                                        "{\"email\":\"" + freshEmail() + "\"}"))
                .expect(everyone("202"))
                .endpoint(
                        "POST /api/identity/password-resets/completion",
                        cell ->
                                MatrixRequest.post(
                                        "/api/identity/password-resets/completion",
                                        "{\"token\":\"not-a-link-0123456789012345\",\"password\":\"0123456789ab\"}"))
                .expect(everyone("400"))
                .endpoint("GET /api/identity/me", cell -> MatrixRequest.get("/api/identity/me"))
                .expect(people("200"))
                .endpoint(
                        "PATCH /api/identity/me",
                        cell ->
                                MatrixRequest.patch(
                                        "/api/identity/me",
                                        "{\"displayName\":\"Renamed\",\"language\":\"fr\"}"))
                .expect(people("200"))
                .endpoint(
                        "GET /api/identity/people",
                        cell ->
                                MatrixRequest.get(
                                        "/api/identity/people?memberId=" + cell.memberId()))
                .expect(
                        """
                        anonymous      401
                        member         own 200 other 404
                        delegate       own 200 other 404
                        manager        200
                        finance        403
                        feed           403
                        admin          own 200 other 404
                        platform-admin 200
                        """)
                .endpoint(
                        "PUT /api/identity/people/{id}/roles",
                        cell ->
                                MatrixRequest.put(
                                        "/api/identity/people/" + personIn(cell) + "/roles",
                                        "{\"roles\":[\"member\",\"admin\"]}"))
                .expect(organisationManagers("200"))
                .endpoint(
                        "DELETE /api/identity/people/{id}/organisation",
                        cell ->
                                MatrixRequest.delete(
                                        "/api/identity/people/" + personIn(cell) + "/organisation"))
                .expect(organisationManagers("204"))
                .endpoint(
                        "PUT /api/identity/people/{id}/staff-roles",
                        cell ->
                                MatrixRequest.put(
                                        "/api/identity/people/" + personIn(cell) + "/staff-roles",
                                        "{\"staffRoles\":[\"finance\"]}"))
                .expect(
                        """
                        anonymous      401
                        member         403
                        delegate       403
                        manager        403
                        finance        403
                        feed           403
                        admin          403
                        platform-admin 200
                        """)
                .endpoint(
                        "GET /api/identity/audit",
                        cell -> MatrixRequest.get("/api/identity/audit?size=5"))
                .expect(
                        """
                        anonymous      401
                        member         403
                        delegate       403
                        manager        200
                        finance        403
                        feed           403
                        admin          403
                        platform-admin 403
                        """)
                .endpoint(
                        "GET /api/identity/clients",
                        cell -> MatrixRequest.get("/api/identity/clients?size=5"))
                .expect(
                        """
                        anonymous      401
                        member         403
                        delegate       403
                        manager        200
                        finance        403
                        feed           403
                        admin          403
                        platform-admin 403
                        """)
                .endpoint(
                        "POST /api/identity/clients",
                        cell ->
                                MatrixRequest.post(
                                        "/api/identity/clients",
                                        """
                                        {"clientId":"%s","feedId":"matrix-feed","roles":["feed"]}
                                        """
                                                .formatted(freshClientId())))
                .expect(
                        """
                        anonymous      401
                        member         403
                        delegate       403
                        manager        201
                        finance        403
                        feed           403
                        admin          403
                        platform-admin 403
                        """)
                .endpoint(
                        "POST /api/identity/clients/{clientId}/secret",
                        cell ->
                                MatrixRequest.post(
                                        "/api/identity/clients/" + apiClient() + "/secret", ""))
                .expect(
                        """
                        anonymous      401
                        member         403
                        delegate       403
                        manager        200
                        finance        403
                        feed           403
                        admin          403
                        platform-admin 403
                        """)
                .endpoint(
                        "DELETE /api/identity/clients/{clientId}",
                        cell -> MatrixRequest.delete("/api/identity/clients/" + apiClient()))
                .expect(
                        """
                        anonymous      401
                        member         403
                        delegate       403
                        manager        204
                        finance        403
                        feed           403
                        admin          403
                        platform-admin 403
                        """)
                .coveringEndpointsOf(context)
                .tests();
    }

    private static String freshClientId() {
        return "matrix-" + UUID.randomUUID();
    }

    /**
     * A machine client made through the API's own service, for the cells that rotate or revoke one.
     */
    private String apiClient() {
        String clientId = freshClientId();
        clients.createFeedClient(clientId, "matrix-feed", "matrix-setup");
        return clientId;
    }

    private static String everyone(String status) {
        return """
        anonymous      %1$s
        member         %1$s
        delegate       %1$s
        manager        %1$s
        finance        %1$s
        feed           %1$s
        admin          %1$s
        platform-admin %1$s
        """
                .formatted(status);
    }

    private static String people(String status) {
        return """
        anonymous      401
        member         %1$s
        delegate       %1$s
        manager        %1$s
        finance        %1$s
        feed           403
        admin          %1$s
        platform-admin %1$s
        """
                .formatted(status);
    }

    private static String organisationManagers(String status) {
        return """
        anonymous      401
        member         403
        delegate       403
        manager        %1$s
        finance        403
        feed           403
        admin          own %1$s other 404
        platform-admin 403
        """
                .formatted(status);
    }

    private static String freshEmail() {
        return "m-" + UUID.randomUUID().toString().substring(0, 12) + "@matrix.test";
    }

    /** A pending invitation into the cell's organisation (the caller's own, or the other one). */
    private String invitationIn(Cell cell) {
        Invitation invitation =
                people.invite(
                        new Email(freshEmail()),
                        null,
                        Language.EN,
                        cell.memberId(),
                        Set.of(OrganisationRole.MEMBER),
                        Set.of(),
                        "matrix");
        return invitation.id();
    }

    /** A person of the cell's organisation. */
    private String personIn(Cell cell) {
        Person person =
                people.registerDirectly(
                        UUID.randomUUID().toString(),
                        new Email(freshEmail()),
                        "0123456789",
                        "Someone",
                        Language.EN,
                        "demo");
        return people.joinOrganisation(person, cell.memberId(), Set.of(OrganisationRole.MEMBER))
                .id();
    }
}
