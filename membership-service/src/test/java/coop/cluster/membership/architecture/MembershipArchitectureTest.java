package coop.cluster.membership.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import coop.cluster.testing.architecture.ServiceArchitecture;

/**
 * Membership's features ({@code member}, {@code group}, {@code council}, ...) in the shape every
 * service keeps.
 */
@AnalyzeClasses(
        packages = "coop.cluster.membership",
        importOptions = ImportOption.DoNotIncludeTests.class)
class MembershipArchitectureTest {

    /**
     * The rules every service keeps ({@link ServiceArchitecture}); membership has no frozen
     * exception.
     */
    @ArchTest
    static void keepsTheServiceShape(JavaClasses classes) {
        ServiceArchitecture.of("coop.cluster.membership").check(classes);
    }
}
