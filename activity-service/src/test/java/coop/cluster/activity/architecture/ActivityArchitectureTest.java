package coop.cluster.activity.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import coop.cluster.testing.architecture.ServiceArchitecture;

/**
 * Activity's features ({@code event}, {@code registration}, {@code meeting}) in the shape every
 * service keeps.
 */
@AnalyzeClasses(
        packages = "coop.cluster.activity",
        importOptions = ImportOption.DoNotIncludeTests.class)
class ActivityArchitectureTest {

    /** The rules every service keeps ({@link ServiceArchitecture}), with no frozen exception. */
    @ArchTest
    static void keepsTheServiceShape(JavaClasses classes) {
        ServiceArchitecture.of("coop.cluster.activity").check(classes);
    }
}
