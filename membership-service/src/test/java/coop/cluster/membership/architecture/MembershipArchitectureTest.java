package coop.cluster.membership.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import coop.cluster.testing.architecture.ServiceArchitecture;

/**
 * Membership's features ({@code member}, {@code group}, {@code council}, ...) in the shape every service keeps.
 */
@AnalyzeClasses(packages = "coop.cluster.membership", importOptions = ImportOption.DoNotIncludeTests.class)
class MembershipArchitectureTest {

    /** Features from before the persistence packages, whose store still sits at the feature's root. */
    private static final String STORE_AT_THE_ROOT = "a store at its feature's root, from before persistence packages: "
            + "moving it to the feature's persistence package is a package move, not done yet";

    /** The rules every service keeps ({@link ServiceArchitecture}), with membership's frozen exceptions. */
    @ArchTest
    static void keepsTheServiceShape(JavaClasses classes) {
        ServiceArchitecture.of("coop.cluster.membership")
                .allowingTheStoreIn("coop.cluster.membership.people.OrganisationPeople", STORE_AT_THE_ROOT)
                .allowing("coop.cluster.membership.directory.DirectoryIndexer", "coop.cluster.membership.member.persistence.MemberStore",
                        "the directory follows the members as stored (MemberStore#changedSince, MemberStore.Written), "
                                + "a read model caught up from the store, not through MemberService")
                .check(classes);
    }
}
