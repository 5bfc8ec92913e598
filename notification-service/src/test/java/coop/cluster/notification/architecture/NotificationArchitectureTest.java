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
@AnalyzeClasses(packages = "coop.cluster.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class NotificationArchitectureTest {

    /** Notification has no persistence packages: each feature's store sits at its root. */
    private static final String STORE_AT_THE_ROOT = "notification's stores sit at their feature's root (it has no "
            + "persistence packages); moving them is a package move, not done yet";

    /** The rules every service keeps ({@link ServiceArchitecture}), with notification's frozen exceptions. */
    @ArchTest
    static void keepsTheServiceShape(JavaClasses classes) {
        ServiceArchitecture.of("coop.cluster.notification")
                .allowingTheStoreIn("coop.cluster.notification.audience.Audience", STORE_AT_THE_ROOT)
                .allowingTheStoreIn("coop.cluster.notification.audience.PeopleView", STORE_AT_THE_ROOT)
                .allowingTheStoreIn("coop.cluster.notification.bounce.Bounces", STORE_AT_THE_ROOT)
                .allowingTheStoreIn("coop.cluster.notification.calendar.CalendarFeeds", STORE_AT_THE_ROOT)
                .allowingTheStoreIn("coop.cluster.notification.calendar.CalendarItems", STORE_AT_THE_ROOT)
                .allowingTheStoreIn("coop.cluster.notification.digest.DigestJob", STORE_AT_THE_ROOT)
                .allowingTheStoreIn("coop.cluster.notification.digest.DigestNotices", STORE_AT_THE_ROOT)
                .allowingTheStoreIn("coop.cluster.notification.email.Deliveries", STORE_AT_THE_ROOT)
                .allowingTheStoreIn("coop.cluster.notification.inbox.Inbox", STORE_AT_THE_ROOT)
                .allowingTheStoreIn("coop.cluster.notification.notify.Notifier", STORE_AT_THE_ROOT)
                .allowingTheStoreIn("coop.cluster.notification.preference.Preferences", STORE_AT_THE_ROOT)
                .allowingTheStoreIn("coop.cluster.notification.unsubscribe.UnsubscribeTokens", STORE_AT_THE_ROOT)
                .check(classes);
    }

    /** Who hears about what is plain rules over the view's questions: no store, no web, no mail. */
    @ArchTest
    static final ArchRule recipientRulesArePlain = noClasses().that()
            .haveFullyQualifiedName("coop.cluster.notification.notify.EventNotices")
            .or().haveFullyQualifiedName("coop.cluster.notification.audience.Directory")
            .or().haveFullyQualifiedName("coop.cluster.notification.audience.Person")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.bson..",
                    "com.mongodb..", "jakarta.mail..", "jakarta.servlet..");
}
