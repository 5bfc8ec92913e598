package coop.cluster.fundingwatch.profile;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The profile's own rule; the rules every service keeps are in {@code
 * FundingWatchArchitectureTest}.
 */
@AnalyzeClasses(
        packages = "coop.cluster.fundingwatch",
        importOptions = ImportOption.DoNotIncludeTests.class)
class ProfileArchitectureTest {

    /**
     * The matching view stands alone: it knows the other services' events, not the calls, watches
     * or feeds.
     */
    @ArchTest
    static final ArchRule viewIsIndependent =
            noClasses()
                    .that()
                    .resideInAPackage("coop.cluster.fundingwatch.profile..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "coop.cluster.fundingwatch.call..",
                            "coop.cluster.fundingwatch.watch..",
                            "coop.cluster.fundingwatch.feed..");
}
