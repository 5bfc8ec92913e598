package coop.cluster.finance.ledger.domain;

import static coop.cluster.finance.ledger.domain.Fixtures.EUR;
import static coop.cluster.finance.ledger.domain.Fixtures.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountTest {

    @ParameterizedTest
    @CsvSource({
        "ASSET, DEBIT, false",
        "LIABILITY, CREDIT, false",
        "EQUITY, CREDIT, true",
        "INCOME, CREDIT, false",
        "EXPENSE, DEBIT, false",
        "MEMO, DEBIT, false"
    })
    void eachTypeHasANormalSideAndANegativeBalanceDefault(
            AccountType type, Side side, boolean mayGoNegative) {
        assertThat(type.normalSide()).isEqualTo(side);
        assertThat(type.mayGoNegativeByDefault()).isEqualTo(mayGoNegative);
        assertThat(type.inBalance()).isEqualTo(type != AccountType.MEMO);
    }

    @Test
    void aTopLevelAccountTakesItsTypesDefaults() {
        Account fees = Account.of("4000", "Membership fees", AccountType.INCOME, EUR);
        assertThat(fees.normalSide()).isEqualTo(Side.CREDIT);
        assertThat(fees.mayGoNegative()).isFalse();
        assertThat(fees.parent()).isEmpty();
        assertThat(fees.withMayGoNegative(true).mayGoNegative()).isTrue();
        assertThat(fees.contra().normalSide()).isEqualTo(Side.DEBIT);
    }

    @Test
    void aSubAccountExtendsItsParentsCodeAndInheritsItsRules() {
        Account receivables = Account.of("1100", "Member receivables", AccountType.ASSET, EUR);
        Account member = receivables.subAccount("Receivable from m-1", "M", "3f2a-uuid_1.x");
        assertThat(member.code()).isEqualTo("1100:M:3f2a-uuid_1.x");
        assertThat(member.parent()).contains("1100");
        assertThat(member.type()).isEqualTo(AccountType.ASSET);
        assertThat(member.currency()).isEqualTo(EUR);
        assertThat(member.isWithin("1100")).isTrue();
        assertThat(member.isWithin("1100:M")).isTrue();
        assertThat(receivables.subAccount("Other", "M2").isWithin("1100:M")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "100", "10000x", "abcd", "1000:", "1000:a b", "1000::a"})
    void malformedCodesAreRefused(String code) {
        assertViolation(() -> Account.of(code, "Name", AccountType.ASSET, EUR), "account-invalid");
    }

    @Test
    void malformedAccountsAreRefused() {
        assertViolation(() -> Account.of("1000", " ", AccountType.ASSET, EUR), "account-invalid");
        assertViolation(
                () -> Account.of("1000", "x".repeat(201), AccountType.ASSET, EUR),
                "account-invalid");
        assertViolation(
                () -> Account.of("1000:M:1", "No parent", AccountType.ASSET, EUR),
                "account-invalid");
        assertViolation(
                () ->
                        new Account(
                                "1200:M:1",
                                "Wrong parent",
                                AccountType.ASSET,
                                EUR,
                                Side.DEBIT,
                                false,
                                "1100"),
                "account-invalid");
        Account bank = Account.of("1000", "Bank", AccountType.ASSET, EUR);
        assertViolation(() -> bank.subAccount("Colon inside", "a:b"), "account-invalid");
        assertViolation(() -> bank.subAccount("No segment"), "account-invalid");
        assertViolation(
                () -> Account.of("1000", "Gold", AccountType.ASSET, Currency.getInstance("XAU")),
                "currency-unsupported");
    }
}
