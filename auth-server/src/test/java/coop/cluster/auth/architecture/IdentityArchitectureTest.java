package coop.cluster.auth.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import coop.cluster.testing.architecture.ServiceArchitecture;

/**
 * The identity service in the shape every service keeps: it shares nothing with the services but
 * the plumbing.
 */
@AnalyzeClasses(
        packages = "coop.cluster.auth",
        importOptions = ImportOption.DoNotIncludeTests.class)
class IdentityArchitectureTest {

    /** The rules every service keeps ({@link ServiceArchitecture}), with no exception frozen. */
    @ArchTest
    static void keepsTheServiceShape(JavaClasses classes) {
        ServiceArchitecture.of("coop.cluster.auth").check(classes);
    }
}
