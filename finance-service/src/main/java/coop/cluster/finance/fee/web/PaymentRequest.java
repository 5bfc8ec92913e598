package coop.cluster.finance.fee.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * A payment received for a fee invoice. Shape and syntax are checked here (400, the field named);
 * whether it fits the invoice (currency, precision, an exempt invoice) is 422.
 *
 * @param amount a plain decimal string such as {@code "125.50"}
 * @param reference the bank's or payer's reference; stands in as the idempotency key when no
 *     Idempotency-Key header is sent
 */
record PaymentRequest(
        @NotBlank @Pattern(regexp = DECIMAL, message = "{validation.decimal}") String amount,
        @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "{validation.currency}") String currency,
        @NotNull LocalDate paidOn,
        @Size(max = 100)
                @Pattern(
                        regexp = "[\\p{Print}&&[^\\p{Cntrl}]]*",
                        message = "{validation.printable}")
                String reference) {

    static final String DECIMAL = "[-+]?[0-9]{1,15}(\\.[0-9]{1,10})?";
}
