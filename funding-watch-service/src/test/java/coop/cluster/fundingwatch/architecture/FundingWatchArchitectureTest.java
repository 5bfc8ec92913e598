package coop.cluster.fundingwatch.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import coop.cluster.testing.architecture.ServiceArchitecture;

/**
 * Funding-watch's features ({@code call}, {@code feed}, {@code watch}, {@code match}, {@code profile}) in the shape every service keeps.
 */
@AnalyzeClasses(packages = "coop.cluster.fundingwatch", importOptions = ImportOption.DoNotIncludeTests.class)
class FundingWatchArchitectureTest {

    /** The matching view (profile) is a store of other services' events; it has no persistence package. */
    private static final String PROFILE_IS_A_VIEW = "the matching view is a read model over the store, its classes at "
            + "the feature's root (no profile.persistence package yet)";

    /** The rules every service keeps ({@link ServiceArchitecture}), with funding-watch's frozen exceptions. */
    @ArchTest
    static void keepsTheServiceShape(JavaClasses classes) {
        ServiceArchitecture.of("coop.cluster.fundingwatch")
                .allowingTheStoreIn("coop.cluster.fundingwatch.profile.MatchingViews", PROFILE_IS_A_VIEW)
                .allowingTheStoreIn("coop.cluster.fundingwatch.profile.ViewWriter", PROFILE_IS_A_VIEW)
                .allowingTheStoreIn("coop.cluster.fundingwatch.profile.ViewIndexes", PROFILE_IS_A_VIEW)
                .allowing("coop.cluster.fundingwatch.match.Recommendations", "coop.cluster.fundingwatch.watch.persistence.WatchStore",
                        "the recommendations read the watches as stored; WatchService has no read for them yet")
                .allowing("coop.cluster.fundingwatch.match.TargetIndexer", "coop.cluster.fundingwatch.watch.persistence.WatchStore",
                        "the target index follows the watches as stored (a read model caught up from the store)")
                .allowing("coop.cluster.fundingwatch.watch.web.WatchController", "coop.cluster.fundingwatch.call.web.CallPage",
                        "a watch's calls are answered in the calls' own page view, so that both read the same")
                .check(classes);
    }
}
