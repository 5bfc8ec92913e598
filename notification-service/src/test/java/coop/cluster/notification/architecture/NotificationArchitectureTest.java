package coop.cluster.notification.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import coop.cluster.testing.architecture.ServiceArchitecture;

/**
 * Notification in the shape every service keeps; it keeps its own copies of the payloads it reads.
 */
@AnalyzeClasses(
        packages = "coop.cluster.notification",
        importOptions = ImportOption.DoNotIncludeTests.class)
class NotificationArchitectureTest {

    /**
     * The rules every service keeps ({@link ServiceArchitecture}); notification has no frozen
     * exception.
     */
    @ArchTest
    static void keepsTheServiceShape(JavaClasses classes) {
        ServiceArchitecture.of("coop.cluster.notification").check(classes);
    }

    /** Who hears about what is plain rules over the view's questions: no store, no web, no mail. */
    @ArchTest
    static final ArchRule recipientRulesArePlain =
            noClasses()
                    .that()
                    .haveFullyQualifiedName("coop.cluster.notification.notify.EventNotices")
                    .or()
                    .haveFullyQualifiedName("coop.cluster.notification.audience.Directory")
                    .or()
                    .haveFullyQualifiedName("coop.cluster.notification.audience.Person")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "org.springframework..",
                            "org.bson..",
                            "com.mongodb..",
                            "jakarta.mail..",
                            "jakarta.servlet..");
}
