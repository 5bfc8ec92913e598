package coop.cluster.finance.ledger.web;

import coop.cluster.finance.ledger.domain.Conversion;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import coop.cluster.finance.ledger.domain.Side;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A journal entry as finance staff write it. The server assigns the id; the idempotency key may
 * come from here or from the {@code Idempotency-Key} header. Shape and syntax are checked here
 * (400); the ledger's rules (balance, precision, accounts, overdraft...) are the domain's (422 or
 * 409).
 *
 * @param reverses the id of the entry this one reverses, or {@code null}; {@code POST
 *     .../entries/{sequence}/reversal} builds the exact reversal for you
 */
record EntryRequest(
        @Size(max = 1_000) String idempotencyKey,
        @NotNull LocalDate date,
        @NotBlank @Size(max = JournalEntry.MAX_DESCRIPTION_LENGTH) String description,
        @NotNull @Size(max = 200) List<@NotNull @Valid PostingRequest> postings,
        @Size(max = JournalEntry.MAX_ID_LENGTH) String reverses,
        @Size(max = 20) List<@NotNull @Valid ConversionRequest> conversions) {

    /** A plain decimal: digits, optionally a point and more digits, optionally signed. */
    static final String DECIMAL = "[-+]?[0-9]{1,40}(\\.[0-9]{1,40})?";

    static final String DECIMAL_MESSAGE = "{validation.decimal}";
    static final String CURRENCY = "[A-Z]{3}";
    static final String CURRENCY_MESSAGE = "{validation.currency}";

    record PostingRequest(
            @NotBlank @Size(max = 200) String account,
            @NotNull Side side,
            @NotBlank @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String amount,
            @NotBlank @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE) String currency) {

        Posting toPosting() {
            return new Posting(account, side, money(amount, currency));
        }
    }

    record MoneyRequest(
            @NotBlank @Pattern(regexp = DECIMAL, message = DECIMAL_MESSAGE) String amount,
            @NotBlank @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE) String currency) {

        Money toMoney() {
            return money(amount, currency);
        }
    }

    /** What was given up ({@code from}) and received ({@code to}) in a currency exchange. */
    record ConversionRequest(@NotNull @Valid MoneyRequest from, @NotNull @Valid MoneyRequest to) {

        Conversion toConversion() {
            return new Conversion(from.toMoney(), to.toMoney());
        }
    }

    /**
     * The entry under a fresh id; throws a {@code LedgerViolation} for anything the ledger refuses.
     */
    JournalEntry toEntry(String id, String key) {
        return new JournalEntry(
                id,
                key,
                date,
                description,
                postings.stream().map(PostingRequest::toPosting).toList(),
                blankToNull(reverses),
                conversions == null
                        ? List.of()
                        : conversions.stream().map(ConversionRequest::toConversion).toList());
    }

    private static Money money(String amount, String currency) {
        return new Money(new BigDecimal(amount), Money.currency(currency));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
