package coop.cluster.fundingwatch.call;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The calls' own rule; the rules every service keeps (the domain plain Java among them) are in
 * {@code FundingWatchArchitectureTest}.
 */
@AnalyzeClasses(
        packages = "coop.cluster.fundingwatch",
        importOptions = ImportOption.DoNotIncludeTests.class)
class CallArchitectureTest {

    /** The adapters read JSON into the domain; they need no Spring. */
    @ArchTest
    static final ArchRule adaptersHaveNoSpring =
            noClasses()
                    .that()
                    .resideInAPackage("coop.cluster.fundingwatch.call.adapter..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("org.springframework..", "org.bson..", "com.mongodb..");
}
