package coop.cluster.finance.ledger.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A balanced, multi-posting journal entry. Entries are append-only: a mistake is corrected by
 * posting the {@linkplain #reversal reversal} and then the right entry.
 *
 * <p>Checked here, whatever the chart and ledger (the {@link Ledger} checks the rest):
 *
 * <ul>
 *   <li>id, idempotency key, date and description are present and well formed;
 *   <li>at least two postings, each positive;
 *   <li>no account is both debited and credited;
 *   <li>for each currency, debits equal credits; postings in several currencies need {@linkplain
 *       Conversion conversions} that connect every currency and make each one balance, and a
 *       conversion may only name currencies the postings use.
 * </ul>
 *
 * @param id unique in the ledger; letters, digits, {@code .}, {@code _}, {@code :}, {@code -}, at
 *     most {@value #MAX_ID_LENGTH}
 * @param idempotencyKey the caller's key for this posting: a retry with the same key and content is
 *     a no-op; at most {@value #MAX_IDEMPOTENCY_KEY_LENGTH} printable characters
 * @param effectiveDate the date the entry counts from in reports and periods
 * @param description for people; not blank, at most {@value #MAX_DESCRIPTION_LENGTH} characters
 * @param postings two or more
 * @param reverses the id of the entry this one reverses, or {@code null}
 * @param conversions the currency conversions that balance a multi-currency entry; empty otherwise
 */
public record JournalEntry(
        String id,
        String idempotencyKey,
        LocalDate effectiveDate,
        String description,
        List<Posting> postings,
        String reverses,
        List<Conversion> conversions) {

    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;
    public static final int MAX_DESCRIPTION_LENGTH = 500;

    /**
     * The journal gives each period closing the entry id and idempotency key {@code
     * period-close:<periodId>}, so that the journal's unique indexes hold for closings too; no
     * entry may use them.
     */
    public static final String RESERVED_PREFIX = "period-close:";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_ID_LENGTH + "}");

    public JournalEntry {
        requireId(id, "entry id");
        if (id.startsWith(RESERVED_PREFIX)) {
            throw invalid(
                    "entry ids starting with "
                            + RESERVED_PREFIX
                            + " are reserved for period closings: "
                            + id);
        }
        if (reverses != null) {
            requireId(reverses, "reversed entry id");
            if (reverses.equals(id)) {
                throw invalid("entry " + id + " cannot reverse itself");
            }
        }
        if (idempotencyKey == null
                || idempotencyKey.isBlank()
                || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH
                || idempotencyKey.chars().anyMatch(Character::isISOControl)) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.IDEMPOTENCY_KEY_INVALID,
                    "entry "
                            + id
                            + " needs an idempotency key of 1 to "
                            + MAX_IDEMPOTENCY_KEY_LENGTH
                            + " printable characters");
        }
        if (idempotencyKey.startsWith(RESERVED_PREFIX)) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.IDEMPOTENCY_KEY_INVALID,
                    "idempotency keys starting with "
                            + RESERVED_PREFIX
                            + " are reserved for period closings: "
                            + idempotencyKey);
        }
        if (effectiveDate == null) {
            throw invalid("entry " + id + " needs an effective date");
        }
        if (description == null
                || description.isBlank()
                || description.length() > MAX_DESCRIPTION_LENGTH) {
            throw invalid(
                    "entry "
                            + id
                            + " needs a description of 1 to "
                            + MAX_DESCRIPTION_LENGTH
                            + " characters");
        }
        Objects.requireNonNull(postings, "postings");
        postings = List.copyOf(postings);
        conversions = conversions == null ? List.of() : List.copyOf(conversions);
        if (postings.size() < 2) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.ENTRY_TOO_FEW_POSTINGS,
                    "entry "
                            + id
                            + " has "
                            + postings.size()
                            + " posting(s); it needs at least two");
        }
        requireOneSidePerAccount(id, postings);
        requireBalanced(id, postings, conversions);
    }

    /** A single-currency entry that reverses nothing. */
    public static JournalEntry of(
            String id,
            String idempotencyKey,
            LocalDate effectiveDate,
            String description,
            List<Posting> postings) {
        return new JournalEntry(
                id, idempotencyKey, effectiveDate, description, postings, null, List.of());
    }

    /** A multi-currency entry balanced by the given conversions. */
    public static JournalEntry converting(
            String id,
            String idempotencyKey,
            LocalDate effectiveDate,
            String description,
            List<Posting> postings,
            List<Conversion> conversions) {
        return new JournalEntry(
                id, idempotencyKey, effectiveDate, description, postings, null, conversions);
    }

    /**
     * The exact opposite of this entry: every posting on the other side, every conversion reversed,
     * referencing this entry. A reversal cannot itself be reversed ({@code reversal-of-reversal}):
     * post the original again.
     */
    public JournalEntry reversal(String newId, String newIdempotencyKey, LocalDate date) {
        if (isReversal()) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.REVERSAL_OF_REVERSAL,
                    "entry " + id + " is a reversal of " + reverses + " and cannot be reversed");
        }
        return new JournalEntry(
                newId,
                newIdempotencyKey,
                date,
                "Reversal of entry " + id,
                postings.stream().map(Posting::opposite).toList(),
                id,
                conversions.stream().map(Conversion::reversed).toList());
    }

    public boolean isReversal() {
        return reverses != null;
    }

    public Optional<String> reversedEntry() {
        return Optional.ofNullable(reverses);
    }

    /**
     * Whether this entry's postings and conversions are exactly those of {@code original}, opposed.
     */
    public boolean isOppositeOf(JournalEntry original) {
        return counts(postings, Function.identity())
                        .equals(counts(original.postings, Posting::opposite))
                && counts(conversions, Function.identity())
                        .equals(counts(original.conversions, Conversion::reversed));
    }

    /**
     * Whether {@code other} is the same posting: same idempotency key, date, description, reversed
     * entry, and the same postings and conversions in any order. The id is not compared, since a
     * retry may arrive with a freshly generated one.
     */
    public boolean sameContentAs(JournalEntry other) {
        return idempotencyKey.equals(other.idempotencyKey)
                && effectiveDate.equals(other.effectiveDate)
                && description.equals(other.description)
                && Objects.equals(reverses, other.reverses)
                && counts(postings, Function.identity())
                        .equals(counts(other.postings, Function.identity()))
                && counts(conversions, Function.identity())
                        .equals(counts(other.conversions, Function.identity()));
    }

    /** The currencies the postings use. */
    public Set<Currency> currencies() {
        return postings.stream()
                .map(posting -> posting.amount().currency())
                .collect(Collectors.toSet());
    }

    private static <T, K> Map<K, Long> counts(List<T> items, Function<T, K> key) {
        return items.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }

    private static void requireId(String value, String what) {
        if (value == null || !ID.matcher(value).matches()) {
            throw invalid("not a valid " + what + ": " + value);
        }
    }

    private static LedgerViolation invalid(String message) {
        return new LedgerViolation(LedgerViolation.Reason.ENTRY_INVALID, message);
    }

    private static void requireOneSidePerAccount(String id, List<Posting> postings) {
        Map<String, Side> sides = new HashMap<>();
        for (Posting posting : postings) {
            Side earlier = sides.putIfAbsent(posting.accountCode(), posting.side());
            if (earlier != null && earlier != posting.side()) {
                throw new LedgerViolation(
                        LedgerViolation.Reason.ACCOUNT_ON_BOTH_SIDES,
                        "entry "
                                + id
                                + " both debits and credits account "
                                + posting.accountCode());
            }
        }
    }

    private static void requireBalanced(
            String id, List<Posting> postings, List<Conversion> conversions) {
        Map<Currency, BigDecimal> debits =
                new TreeMap<>(java.util.Comparator.comparing(Currency::getCurrencyCode));
        Map<Currency, BigDecimal> credits =
                new TreeMap<>(java.util.Comparator.comparing(Currency::getCurrencyCode));
        for (Posting posting : postings) {
            Currency currency = posting.amount().currency();
            debits.putIfAbsent(currency, BigDecimal.ZERO);
            credits.putIfAbsent(currency, BigDecimal.ZERO);
            (posting.side() == Side.DEBIT ? debits : credits)
                    .merge(currency, posting.amount().amount(), BigDecimal::add);
        }
        if (debits.size() > 1 && conversions.isEmpty()) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.CURRENCY_MISMATCH,
                    "entry "
                            + id
                            + " posts in "
                            + codes(debits.keySet())
                            + " without a recorded conversion");
        }
        Set<Currency> converted = new HashSet<>();
        for (Conversion conversion : conversions) {
            for (Money side : List.of(conversion.from(), conversion.to())) {
                if (!debits.containsKey(side.currency())) {
                    throw new LedgerViolation(
                            LedgerViolation.Reason.CONVERSION_INVALID,
                            "entry "
                                    + id
                                    + " converts "
                                    + side.currency().getCurrencyCode()
                                    + " but posts none");
                }
                converted.add(side.currency());
            }
            debits.merge(conversion.from().currency(), conversion.from().amount(), BigDecimal::add);
            credits.merge(conversion.to().currency(), conversion.to().amount(), BigDecimal::add);
        }
        if (!conversions.isEmpty() && !converted.equals(debits.keySet())) {
            throw new LedgerViolation(
                    LedgerViolation.Reason.CURRENCY_MISMATCH,
                    "entry "
                            + id
                            + " posts in "
                            + codes(debits.keySet())
                            + " but converts only "
                            + codes(converted));
        }
        for (Currency currency : debits.keySet()) {
            BigDecimal debit = debits.get(currency);
            BigDecimal credit = credits.get(currency);
            if (debit.compareTo(credit) != 0) {
                throw new LedgerViolation(
                        LedgerViolation.Reason.ENTRY_UNBALANCED,
                        "entry "
                                + id
                                + " debits "
                                + new Money(debit, currency)
                                + " but credits "
                                + new Money(credit, currency)
                                + (conversions.isEmpty() ? "" : " after conversions"));
            }
        }
    }

    private static String codes(Set<Currency> currencies) {
        return currencies.stream()
                .map(Currency::getCurrencyCode)
                .sorted()
                .collect(Collectors.joining(", "));
    }
}
