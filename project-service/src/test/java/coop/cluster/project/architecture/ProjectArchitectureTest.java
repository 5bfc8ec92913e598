package coop.cluster.project.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import coop.cluster.testing.architecture.ServiceArchitecture;

/**
 * Project's features ({@code project}, {@code invitation}, ...) in the shape every service keeps.
 */
@AnalyzeClasses(
        packages = "coop.cluster.project",
        importOptions = ImportOption.DoNotIncludeTests.class)
class ProjectArchitectureTest {

    /**
     * The rules every service keeps ({@link ServiceArchitecture}), with project's frozen
     * exceptions.
     */
    @ArchTest
    static void keepsTheServiceShape(JavaClasses classes) {
        ServiceArchitecture.of("coop.cluster.project").check(classes);
    }
}
