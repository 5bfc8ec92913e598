package coop.cluster.plumbing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The shared module is plumbing only: it knows no service and no domain. */
@AnalyzeClasses(packages = "coop.cluster", importOptions = ImportOption.DoNotIncludeTests.class)
class PlumbingBoundariesTest {

    @ArchTest
    static final ArchRule knowsNoService = noClasses().that().resideInAPackage("coop.cluster.plumbing..")
            .should().dependOnClassesThat().resideInAnyPackage("coop.cluster.membership..", "coop.cluster.project..",
                    "coop.cluster.fundingwatch..", "coop.cluster.finance..", "coop.cluster.gateway..");
}
