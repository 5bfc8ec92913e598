package coop.cluster.project.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "coop.cluster", importOptions = ImportOption.DoNotIncludeTests.class)
class ProjectArchitectureTest {

    /** The domain is plain Java: no framework, no persistence, no web. */
    @ArchTest
    static final ArchRule domainHasNoFramework = noClasses().that().resideInAPackage("coop.cluster.project..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.bson..",
                    "com.mongodb..", "jakarta.servlet..", "tools.jackson..")
            .allowEmptyShould(true);

    /** Persistence documents stay in their adapter; the web layer binds requests to its own DTOs. */
    @ArchTest
    static final ArchRule webDoesNotTouchTheStore = noClasses().that().resideInAPackage("coop.cluster.project..web..")
            .should().dependOnClassesThat().resideInAnyPackage("coop.cluster.project..persistence..",
                    "org.springframework.data.mongodb..")
            .allowEmptyShould(true);

    /** Services share nothing but the plumbing: another service's classes are never imported. */
    @ArchTest
    static final ArchRule noOtherService = noClasses().that().resideInAPackage("coop.cluster.project..")
            .should().dependOnClassesThat().resideInAnyPackage(otherServices("project"));

    private static String[] otherServices(String self) {
        return java.util.stream.Stream.of("membership", "project", "fundingwatch", "finance", "gateway")
                .filter(service -> !service.equals(self))
                .map(service -> "coop.cluster." + service + "..")
                .toArray(String[]::new);
    }
}
