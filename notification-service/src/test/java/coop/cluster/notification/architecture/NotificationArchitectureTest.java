package coop.cluster.notification.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "coop.cluster", importOptions = ImportOption.DoNotIncludeTests.class)
class NotificationArchitectureTest {

    /** It keeps its own copies of the payloads it reads: another service's classes are never imported. */
    @ArchTest
    static final ArchRule noOtherService = noClasses().that().resideInAPackage("coop.cluster.notification..")
            .should().dependOnClassesThat().resideInAnyPackage("coop.cluster.membership..", "coop.cluster.project..",
                    "coop.cluster.fundingwatch..", "coop.cluster.finance..", "coop.cluster.auth..",
                    "coop.cluster.gateway..", "coop.cluster.web..");

    /** Who hears about what is plain rules over the view's questions: no store, no web, no mail. */
    @ArchTest
    static final ArchRule recipientRulesArePlain = noClasses().that()
            .haveFullyQualifiedName("coop.cluster.notification.notify.EventNotices")
            .or().haveFullyQualifiedName("coop.cluster.notification.audience.Directory")
            .or().haveFullyQualifiedName("coop.cluster.notification.audience.Person")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.bson..",
                    "com.mongodb..", "jakarta.mail..", "jakarta.servlet..");

    /** The API answers its own views of the inbox; it never reaches the store itself. */
    @ArchTest
    static final ArchRule webDoesNotTouchTheStore = noClasses().that().resideInAPackage("coop.cluster.notification..web..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.data.mongodb..", "org.bson..");
}
