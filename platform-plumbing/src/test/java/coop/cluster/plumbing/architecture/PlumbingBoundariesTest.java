package coop.cluster.plumbing.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import coop.cluster.testing.architecture.ServiceArchitecture;

/**
 * The shared module is plumbing only: it knows no service and no domain. Of {@code coop.cluster} it
 * depends on itself and the other shared modules only, the services' own rule ({@link
 * ServiceArchitecture#noOtherService()}); its {@code domain} package, which the services' domains
 * may use, is plain Java.
 */
@AnalyzeClasses(
        packages = "coop.cluster.plumbing",
        importOptions = ImportOption.DoNotIncludeTests.class)
class PlumbingBoundariesTest {

    @ArchTest
    static final ArchRule knowsNoService =
            ServiceArchitecture.of("coop.cluster.plumbing").noOtherService();

    /**
     * {@code coop.cluster.plumbing.domain}, which the services' domains may use, is plain Java
     * itself.
     */
    @ArchTest
    static final ArchRule itsDomainIsPlainJava =
            ServiceArchitecture.of("coop.cluster.plumbing").domainIsPlainJava();
}
