package coop.cluster.finance.fee.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** An invoice's state follows its money: OPEN, PARTIALLY_PAID, PAID, OVERPAID, EXEMPT. */
class InvoiceBalanceTest {

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void aNewInvoiceIsOpenWithEverythingDue() {
        InvoiceBalance issued = InvoiceBalance.issued(d("450.00"));
        assertThat(issued.status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(issued.amountDue().toPlainString()).isEqualTo("450.00");
        assertThat(issued.settled().toPlainString()).isEqualTo("0.00");
    }

    @Test
    void partPaidThenPaidThenOverpaid() {
        InvoiceBalance balance = InvoiceBalance.issued(d("450.00"));

        InvoiceBalance.Split first = balance.split(d("200.00"));
        assertThat(first.settles()).isEqualByComparingTo("200.00");
        assertThat(first.credit()).isEqualByComparingTo("0");
        balance = balance.after(first);
        assertThat(balance.status()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
        assertThat(balance.amountDue().toPlainString()).isEqualTo("250.00");

        InvoiceBalance.Split second = balance.split(d("300.00"));
        assertThat(second.settles()).as("only what is due settles").isEqualByComparingTo("250.00");
        assertThat(second.credit()).as("the rest is a prepayment").isEqualByComparingTo("50.00");
        assertThat(second.total()).isEqualByComparingTo("300.00");
        balance = balance.after(second);
        assertThat(balance.status()).isEqualTo(InvoiceStatus.OVERPAID);
        assertThat(balance.amountDue()).isEqualByComparingTo("0");
        assertThat(balance.credit()).isEqualByComparingTo("50.00");

        InvoiceBalance.Split third = balance.split(d("10.00"));
        assertThat(third.settles()).isEqualByComparingTo("0");
        assertThat(balance.after(third).credit()).isEqualByComparingTo("60.00");
    }

    @Test
    void anExactPaymentMakesItPaid() {
        InvoiceBalance balance = InvoiceBalance.issued(d("450.00"));
        balance = balance.after(balance.split(d("450.00")));
        assertThat(balance.status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(balance.status().unpaid()).isFalse();
    }

    @Test
    void nothingDueIsExemptAndTakesNoPayment() {
        InvoiceBalance exempt = InvoiceBalance.issued(d("0.00"));
        assertThat(exempt.status()).isEqualTo(InvoiceStatus.EXEMPT);
        assertThat(exempt.status().unpaid()).isFalse();
        assertThatThrownBy(() -> exempt.split(d("1.00"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAPaymentThatIsNotPositiveAndImpossibleBalances() {
        InvoiceBalance balance = InvoiceBalance.issued(d("10.00"));
        assertThatThrownBy(() -> balance.split(d("0.00")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> balance.split(d("-1.00")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InvoiceBalance(d("10"), d("11"), d("0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InvoiceBalance(d("10"), d("5"), d("1")))
                .as("a credit while money is still due")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReductionMovesWhatWasPaidBeyondTheNewAmountToACredit() {
        InvoiceBalance issued = InvoiceBalance.issued(d("450.00"));
        InvoiceBalance paid300 = issued.after(issued.split(d("300.00")));

        InvoiceBalance.Reduction half = paid300.reduceTo(d("225.00"));
        assertThat(half.by()).isEqualByComparingTo("225.00");
        assertThat(half.fromDue()).as("150 was due, nothing is now").isEqualByComparingTo("150.00");
        assertThat(half.toCredit()).isEqualByComparingTo("75.00");
        assertThat(half.after().status()).isEqualTo(InvoiceStatus.OVERPAID);
        assertThat(half.by()).isEqualByComparingTo(half.fromDue().add(half.toCredit()));

        InvoiceBalance.Reduction small = paid300.reduceTo(d("400.00"));
        assertThat(small.fromDue()).isEqualByComparingTo("50.00");
        assertThat(small.toCredit()).isEqualByComparingTo("0");
        assertThat(small.after().status()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);

        InvoiceBalance.Reduction all = InvoiceBalance.issued(d("450.00")).reduceTo(d("0.00"));
        assertThat(all.after().status()).isEqualTo(InvoiceStatus.EXEMPT);
        assertThat(all.fromDue()).isEqualByComparingTo("450.00");
        assertThatThrownBy(() -> paid300.reduceTo(d("451.00")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
