package coop.cluster.fundingwatch.call;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "coop.cluster.fundingwatch", importOptions = ImportOption.DoNotIncludeTests.class)
class CallArchitectureTest {

    /** The funding-call domain is plain Java: no framework, no persistence, no JSON library. */
    @ArchTest
    static final ArchRule domainHasNoFramework = noClasses().that()
            .resideInAPackage("coop.cluster.fundingwatch..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.bson..",
                    "com.mongodb..", "jakarta..", "tools.jackson..", "com.fasterxml..");

    /** The adapters read JSON into the domain; they need no Spring. */
    @ArchTest
    static final ArchRule adaptersHaveNoSpring = noClasses().that()
            .resideInAPackage("coop.cluster.fundingwatch.call.adapter..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.bson..",
                    "com.mongodb..");
}
