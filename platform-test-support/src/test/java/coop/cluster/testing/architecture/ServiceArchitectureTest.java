package coop.cluster.testing.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rule set against a tiny service, {@code fixture.shop}, whose classes break each rule once
 * ({@code fixture.bank} is "another service"): every violation is reported, by the rule it breaks
 * and nothing else, and a frozen exception silences exactly its own.
 */
class ServiceArchitectureTest {

    private static final String FIXTURE = "coop.cluster.testing.architecture.fixture.";
    private static final String SHOP = FIXTURE + "shop";

    private static final JavaClasses classes = new ClassFileImporter().importPackages(SHOP);

    private static final ServiceArchitecture shop = ServiceArchitecture.of(SHOP);

    @Test
    void theDomainDependsOnNoFramework() {
        assertThat(violations(shop.domainIsPlainJava()))
                .isNotEmpty()
                .allSatisfy(
                        violation ->
                                assertThat(violation)
                                        .startsWith("Method <" + SHOP + ".order.domain.Order.json")
                                        .contains("tools.jackson.databind.ObjectMapper"));
    }

    @Test
    void onlyPersistenceUsesTheStoreAndConfigurationOnlyNamesIt() {
        List<String> violations = violations(shop.onlyPersistenceUsesTheStore());

        assertThat(violations)
                .isNotEmpty()
                .allSatisfy(
                        violation ->
                                assertThat(violation)
                                        .containsAnyOf(
                                                "Method <" + SHOP + ".order.Orders.place",
                                                "Method <"
                                                        + SHOP
                                                        + ".order.OrderIndexes.placedAt()> calls"
                                                        + " constructor <org.bson.Document.<init>")
                                        .contains("org.bson.Document"));
        assertThat(violations)
                .anySatisfy(violation -> assertThat(violation).contains("OrderIndexes.placedAt"));
        assertThat(String.join("\n", violations)).doesNotContain("OrderStore", "ShopConfiguration");
    }

    @Test
    void theWebReachesNoPersistence() {
        List<String> violations = violations(shop.webReachesNoPersistence());

        assertThat(violations)
                .isNotEmpty()
                .allSatisfy(
                        violation ->
                                assertThat(violation)
                                        .contains(SHOP + ".order.web.OrderController")
                                        .contains(SHOP + ".order.persistence.OrderStore"));
    }

    @Test
    void aFeatureGoesThroughAnotherFeaturesApplicationLayer() {
        List<String> violations = violations(shop.featuresGoThroughTheApplicationLayer());

        // Orders and OrderController reach their own feature's store: that is theirs; billing's is
        // not
        assertThat(violations)
                .isNotEmpty()
                .allSatisfy(
                        violation ->
                                assertThat(violation)
                                        .contains(SHOP + ".billing.Billing")
                                        .contains(SHOP + ".order.persistence.OrderStore"));
    }

    @Test
    void noOtherServicesClasses() {
        List<String> violations = violations(shop.noOtherService());

        assertThat(violations)
                .isNotEmpty()
                .allSatisfy(
                        violation ->
                                assertThat(violation)
                                        .contains(SHOP + ".billing.Payments")
                                        .contains(FIXTURE + "bank.Account"));
    }

    @Test
    void checkReportsEveryRuleBroken() {
        assertThatThrownBy(() -> shop.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the domain is plain Java")
                .hasMessageContaining("use no store")
                .hasMessageContaining("reach no ..persistence..")
                .hasMessageContaining("reach into no other feature's persistence or web")
                .hasMessageContaining("depend on nothing of coop.cluster but");
    }

    @Test
    void frozenExceptionsSilenceTheirOwnViolationOnly() {
        ServiceArchitecture frozen =
                shop.allowing(
                                SHOP + ".order.domain.Order",
                                "tools.jackson.databind.ObjectMapper",
                                "the fixture's domain")
                        .allowingTheStoreIn(
                                SHOP + ".order.Orders", "the fixture's application layer")
                        .allowingTheStoreIn(
                                SHOP + ".order.OrderIndexes", "the fixture's configuration")
                        .allowing(
                                SHOP + ".order.web.OrderController",
                                SHOP + ".order.persistence.OrderStore",
                                "the fixture")
                        .allowing(
                                SHOP + ".billing.Billing",
                                SHOP + ".order.persistence.OrderStore",
                                "the fixture's billing")
                        .allowing(
                                SHOP + ".billing.Payments",
                                FIXTURE + "bank.Account",
                                "the fixture's payments");

        for (ArchRule rule : frozen.rules()) {
            assertThat(violations(rule)).as(rule.getDescription()).isEmpty();
        }
        assertThatCode(() -> frozen.check(classes)).doesNotThrowAnyException();
        assertThat(violations(shop.domainIsPlainJava()))
                .as("the rule set without them is unchanged")
                .isNotEmpty();
    }

    @Test
    void aFrozenExceptionThatNoLongerOccursFails() {
        ServiceArchitecture stale =
                shop.allowing(
                                SHOP + ".order.domain.Order",
                                "tools.jackson.databind.ObjectMapper",
                                "the fixture's domain")
                        .allowingTheStoreIn(
                                SHOP + ".order.Orders", "the fixture's application layer")
                        .allowingTheStoreIn(
                                SHOP + ".order.OrderIndexes", "the fixture's configuration")
                        .allowing(
                                SHOP + ".order.web.OrderController",
                                SHOP + ".order.persistence.OrderStore",
                                "the fixture")
                        .allowing(
                                SHOP + ".billing.Billing",
                                SHOP + ".order.persistence.OrderStore",
                                "the fixture's billing")
                        .allowing(
                                SHOP + ".billing.Payments",
                                FIXTURE + "bank.Account",
                                "the fixture's payments")
                        .allowing(
                                SHOP + ".billing.Billing",
                                FIXTURE + "bank.Account",
                                "gone long ago");

        assertThatThrownBy(() -> stale.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no longer occur")
                .hasMessageContaining(
                        SHOP + ".billing.Billing -> " + FIXTURE + "bank.Account (gone long ago)")
                .hasMessageNotContaining("the fixture's payments");
    }

    @Test
    void aFrozenExceptionNeedsItsReason() {
        assertThatThrownBy(
                        () ->
                                shop.allowing(
                                        SHOP + ".billing.Billing", FIXTURE + "bank.Account", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason");
        assertThatThrownBy(() -> ServiceArchitecture.of("org.example"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(classes);
        return result.getFailureReport().getDetails();
    }
}
