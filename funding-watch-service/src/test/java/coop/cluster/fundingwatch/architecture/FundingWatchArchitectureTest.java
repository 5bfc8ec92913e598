package coop.cluster.fundingwatch.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import coop.cluster.testing.architecture.ServiceArchitecture;

/**
 * Funding-watch's features ({@code call}, {@code feed}, {@code watch}, {@code match}, {@code
 * profile}) in the shape every service keeps.
 */
@AnalyzeClasses(
        packages = "coop.cluster.fundingwatch",
        importOptions = ImportOption.DoNotIncludeTests.class)
class FundingWatchArchitectureTest {

    /** The rules every service keeps ({@link ServiceArchitecture}), with no exception. */
    @ArchTest
    static void keepsTheServiceShape(JavaClasses classes) {
        ServiceArchitecture.of("coop.cluster.fundingwatch").check(classes);
    }
}
