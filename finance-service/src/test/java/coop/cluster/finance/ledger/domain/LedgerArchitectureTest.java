package coop.cluster.finance.ledger.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
        packages = "coop.cluster.finance.ledger.domain",
        importOptions = ImportOption.DoNotIncludeTests.class)
class LedgerArchitectureTest {

    /** The ledger's core is plain Java: it depends on the JDK and on itself, nothing else. */
    @ArchTest
    static final ArchRule onlyTheJdk =
            classes()
                    .that()
                    .resideInAPackage("coop.cluster.finance.ledger.domain..")
                    .should()
                    .onlyDependOnClassesThat()
                    .resideInAnyPackage("java..", "coop.cluster.finance.ledger.domain..");
}
