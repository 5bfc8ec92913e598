package coop.cluster.auth.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "coop.cluster.auth", importOptions = ImportOption.DoNotIncludeTests.class)
class IdentityArchitectureTest {

    /** The people's domain is plain Java: no framework, no persistence, no web. */
    @ArchTest
    static final ArchRule domainHasNoFramework = noClasses().that().resideInAPackage("coop.cluster.auth..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.bson..",
                    "com.mongodb..", "jakarta.servlet..", "tools.jackson..");

    /** The identity service shares nothing with the services but the plumbing. */
    @ArchTest
    static final ArchRule noService = noClasses().that().resideInAPackage("coop.cluster.auth..")
            .should().dependOnClassesThat().resideInAnyPackage("coop.cluster.membership..", "coop.cluster.project..",
                    "coop.cluster.fundingwatch..", "coop.cluster.finance..", "coop.cluster.gateway..");
}
