package coop.cluster.finance.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;

/**
 * One shape for every feature of finance ({@code ledger}, {@code period}, {@code fee}, {@code expense},
 * {@code receipt}, {@code budget}, {@code memberaccount}, {@code reconciliation}, {@code report}): {@code domain}
 * (plain Java), {@code persistence} (the {@code *Store} classes over the store, and their documents), {@code web}
 * (controllers and views), {@code events}, the application services and the {@code *Access} policy at the feature's
 * root.
 */
@AnalyzeClasses(packages = "coop.cluster", importOptions = ImportOption.DoNotIncludeTests.class)
class FinanceArchitectureTest {

    private static final String FINANCE = "coop.cluster.finance.";

    /**
     * Where a feature reads another feature's store on purpose, named one by one (class -> the store it reads):
     * <ul>
     *   <li>{@code period.PeriodService} reads {@code ledger.persistence.LedgerJournal#audit}: verifying the seals
     *       recomputes them from the journal's documents as stored, not through the ledger's own checks, so that a
     *       document changed behind the ledger's back still reads (and is reported). Going through
     *       {@code LedgerService} means adding to it, which waits for its split.</li>
     * </ul>
     * Not listed because the compiler inlines it: {@code report.persistence.LedgerTotals} reads the
     * {@code ledger_journal} collection by its name ({@code LedgerJournal.JOURNAL}, a constant): the report's totals
     * are a projection of the journal's documents, caught up by sequence in the store itself.
     */
    private static final Set<String> READS_ANOTHER_FEATURES_STORE = Set.of(
            FINANCE + "period.PeriodService -> " + FINANCE + "ledger.persistence.LedgerJournal");

    /** The domain is plain Java: no framework, no store, no web (the plumbing's web helpers included). */
    @ArchTest
    static final ArchRule domainHasNoFramework = noClasses().that().resideInAPackage("coop.cluster.finance..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.bson..",
                    "com.mongodb..", "jakarta.servlet..", "tools.jackson..", "coop.cluster.plumbing.web..")
            .allowEmptyShould(true);

    /** Only the persistence packages talk to the store: MongoTemplate, the driver, its documents. */
    @ArchTest
    static final ArchRule onlyPersistenceUsesTheStore = noClasses().that().resideInAPackage("coop.cluster.finance..")
            .and().resideOutsideOfPackage("coop.cluster.finance..persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.data.mongodb..", "com.mongodb..",
                    "org.bson..");

    /** Persistence documents stay in their adapter; the web layer binds requests to its own DTOs. */
    @ArchTest
    static final ArchRule webDoesNotTouchTheStore = noClasses().that().resideInAPackage("coop.cluster.finance..web..")
            .should().dependOnClassesThat().resideInAnyPackage("coop.cluster.finance..persistence..",
                    "org.springframework.data.mongodb..")
            .allowEmptyShould(true);

    /**
     * A feature's store is its own: other features go through its application service (the exceptions, frozen, in
     * {@link #READS_ANOTHER_FEATURES_STORE}).
     */
    @ArchTest
    static final ArchRule noFeatureReadsAnotherFeaturesStore = classes().that().resideInAPackage("coop.cluster.finance..")
            .should(new ArchCondition<>("not depend on another feature's persistence") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                        JavaClass target = dependency.getTargetClass();
                        String targetPackage = target.getPackageName();
                        if (!targetPackage.startsWith(FINANCE) || !targetPackage.contains(".persistence")
                                || feature(targetPackage).equals(feature(origin.getPackageName()))) {
                            continue;
                        }
                        String pair = origin.getName().replaceAll("\\$.*", "") + " -> "
                                + target.getName().replaceAll("\\$.*", "");
                        if (!READS_ANOTHER_FEATURES_STORE.contains(pair)) {
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    }
                }
            });

    /** Services share nothing but the plumbing: another service's classes are never imported. */
    @ArchTest
    static final ArchRule noOtherService = noClasses().that().resideInAPackage("coop.cluster.finance..")
            .should().dependOnClassesThat().resideInAnyPackage(otherServices("finance"));

    /** The feature of a package of finance: {@code ledger} for {@code coop.cluster.finance.ledger.persistence}. */
    private static String feature(String packageName) {
        if (!packageName.startsWith(FINANCE)) {
            return "";
        }
        String rest = packageName.substring(FINANCE.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static String[] otherServices(String self) {
        return java.util.stream.Stream.of("membership", "project", "fundingwatch", "finance", "gateway")
                .filter(service -> !service.equals(self))
                .map(service -> "coop.cluster." + service + "..")
                .toArray(String[]::new);
    }
}
