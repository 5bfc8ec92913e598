package coop.cluster.auth.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import coop.cluster.testing.architecture.ServiceArchitecture;

/**
 * The identity service in the shape every service keeps: it shares nothing with the services but the plumbing.
 */
@AnalyzeClasses(packages = "coop.cluster.auth", importOptions = ImportOption.DoNotIncludeTests.class)
class IdentityArchitectureTest {

    /** Stores from before the persistence packages, at their feature's root. */
    private static final String STORE_AT_THE_ROOT = "a store at its feature's root, from before persistence packages: "
            + "moving it to the feature's persistence package is a package move, not done yet";

    /** Spring Authorization Server's stores (authorizations, consents, clients), kept in MongoDB. */
    private static final String SPRING_STORES = "Spring Authorization Server's store interfaces implemented over "
            + "MongoDB, kept together in oauth (no oauth.persistence package yet)";

    /** Signing in through an upstream provider finds or links the person in the people's store. */
    private static final String UPSTREAM_PEOPLE = "signing in upstream finds or links the person in PersonStore "
            + "directly; the people's application layer has no such operation yet";

    /** The rules every service keeps ({@link ServiceArchitecture}), with the identity service's frozen exceptions. */
    @ArchTest
    static void keepsTheServiceShape(JavaClasses classes) {
        ServiceArchitecture.of("coop.cluster.auth")
                .allowingTheStoreIn("coop.cluster.auth.clients.Clients", STORE_AT_THE_ROOT)
                .allowingTheStoreIn("coop.cluster.auth.login.LoginFailure", STORE_AT_THE_ROOT)
                .allowingTheStoreIn("coop.cluster.auth.login.LoginThrottle", STORE_AT_THE_ROOT)
                .allowingTheStoreIn("coop.cluster.auth.mfa.SecondFactors", STORE_AT_THE_ROOT)
                .allowingTheStoreIn("coop.cluster.auth.session.MongoSessionRepository", STORE_AT_THE_ROOT)
                .allowingTheStoreIn("coop.cluster.auth.oauth.MongoAuthorizationService", SPRING_STORES)
                .allowingTheStoreIn("coop.cluster.auth.oauth.MongoAuthorizationConsentService", SPRING_STORES)
                .allowingTheStoreIn("coop.cluster.auth.oauth.MongoRegisteredClientRepository", SPRING_STORES)
                .allowingTheStoreIn("coop.cluster.auth.oauth.StoredClient", SPRING_STORES)
                .allowing("coop.cluster.auth.people.web.AuditController", "coop.cluster.auth.people.persistence.AuditStore",
                        "the audit trail is read straight from its store; there is no application service for it yet")
                .allowing("coop.cluster.auth.people.web.Views", "coop.cluster.auth.people.persistence.AuditStore",
                        "the audit entry view is built from the stored entry (AuditStore.Entry)")
                .allowing("coop.cluster.auth.upstream.FederatedPeople", "coop.cluster.auth.people.persistence.PersonStore", UPSTREAM_PEOPLE)
                .allowing("coop.cluster.auth.upstream.UpstreamLogin", "coop.cluster.auth.people.persistence.PersonStore", UPSTREAM_PEOPLE)
                .allowing("coop.cluster.auth.upstream.UpstreamConfiguration", "coop.cluster.auth.people.persistence.PersonStore", UPSTREAM_PEOPLE)
                .check(classes);
    }
}
