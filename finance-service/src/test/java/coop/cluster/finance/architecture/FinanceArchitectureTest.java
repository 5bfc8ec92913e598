package coop.cluster.finance.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import coop.cluster.testing.architecture.ServiceArchitecture;

/**
 * One shape for every feature of finance ({@code ledger}, {@code period}, {@code fee}, {@code
 * expense}, {@code receipt}, {@code budget}, {@code memberaccount}, {@code reconciliation}, {@code
 * report}): {@code domain} (plain Java), {@code persistence} (the {@code *Store} classes over the
 * store, and their documents), {@code web} (controllers and views), {@code events}, the application
 * services and the {@code *Access} policy at the feature's root.
 */
@AnalyzeClasses(
        packages = "coop.cluster.finance",
        importOptions = ImportOption.DoNotIncludeTests.class)
class FinanceArchitectureTest {

    /**
     * The rules every service keeps ({@link ServiceArchitecture}); finance has no frozen exception.
     */
    @ArchTest
    static void keepsTheServiceShape(JavaClasses classes) {
        ServiceArchitecture.of("coop.cluster.finance").check(classes);
    }
}
