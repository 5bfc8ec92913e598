package coop.cluster.finance.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The cluster's bank accounts as configured: the default, a list, a comma-separated value, an
 * environment variable.
 */
class BankAccountsTest {

    private static BankAccounts bind(Map<String, Object> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("cluster.finance.reconciliation", BankAccounts.class);
    }

    @Test
    void theDemoAccountByDefault() {
        BankAccounts accounts = bind(Map.of());

        assertThat(accounts.bankAccounts()).containsExactly("FR7630006000011234567890189");
        assertThat(accounts.main()).isEqualTo("FR7630006000011234567890189");
    }

    @Test
    void aListOrACommaSeparatedValueTheFirstBeingTheMainAccount() {
        BankAccounts listed =
                bind(
                        Map.of(
                                "cluster.finance.reconciliation.bank-accounts[0]",
                                "be68 5390 0754 7034",
                                "cluster.finance.reconciliation.bank-accounts[1]",
                                "FR7630006000011234567890189"));
        BankAccounts separated =
                bind(
                        Map.of(
                                "cluster.finance.reconciliation.bank-accounts",
                                "BE68539007547034,FR7630006000011234567890189"));

        assertThat(listed.bankAccounts())
                .containsExactly("BE68539007547034", "FR7630006000011234567890189");
        assertThat(separated).isEqualTo(listed);
        assertThat(listed.main()).isEqualTo("BE68539007547034");
        assertThat(listed.contains("BE68 5390 0754 7034")).isTrue();
        assertThat(listed.contains("be68539007547034")).isTrue();
        assertThat(listed.contains("GB29NWBK60161331926819")).isFalse();
        assertThat(listed.contains(null)).isFalse();
    }

    @Test
    void anEnvironmentVariable() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of(
                                        "CLUSTER_FINANCE_RECONCILIATION_BANKACCOUNTS",
                                        "LT121000011101001000,NL20INGB0001234567")));

        BankAccounts accounts =
                new Binder(ConfigurationPropertySources.get(environment))
                        .bindOrCreate("cluster.finance.reconciliation", BankAccounts.class);

        assertThat(accounts.bankAccounts())
                .containsExactly("LT121000011101001000", "NL20INGB0001234567");
    }

    @Test
    void noAccountOrNotAnAccountIsRefusedAtStart() {
        assertThatThrownBy(() -> new BankAccounts(List.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new BankAccounts(List.of("FR76 3000 6000 0112 3456 7890 189 !")))
                .hasMessageContaining("not an IBAN");
    }
}
