package coop.cluster.finance.ledger.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The seal of a closed period: a SHA-256 hash over the previous seal and the period's entries, so
 * that changing, removing or adding an entry of a closed period, or changing or removing a seal,
 * shows when the chain is recomputed from the journal.
 *
 * <p><b>The hash</b> ({@link #hash}): lower-case hex of SHA-256 over the UTF-8 bytes of the RFC
 * 8785 (JCS) form of
 *
 * <pre>{@code
 * {"entries":[<each entry's CanonicalEntry form, in sequence order>],"from":"yyyy-MM-dd","periodId":"2026-Q1",
 *  "previousHash":"<64 hex>","to":"yyyy-MM-dd"}
 * }</pre>
 *
 * (keys in that order, no white space). The first seal's previous hash is {@link #GENESIS}, 64
 * zeros.
 *
 * @param periodId {@code 2026-03} or {@code 2026-Q1}
 * @param from the first day the closing covers: the day after the previous closing, or for the
 *     first closing the named period's first day or the earliest entry's date if earlier
 * @param to the last day: the named period's last day
 * @param previousHash the previous closing's hash, or {@link #GENESIS}
 * @param hash this closing's hash
 * @param entryCount how many entries it seals
 * @param firstSequence the lowest sequence among them, 0 when none
 * @param lastSequence the highest sequence among them, 0 when none
 */
public record Seal(
        String periodId,
        LocalDate from,
        LocalDate to,
        String previousHash,
        String hash,
        int entryCount,
        long firstSequence,
        long lastSequence) {

    /** The previous hash of the first seal. */
    public static final String GENESIS = "0".repeat(64);

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Seal {
        Objects.requireNonNull(periodId, "periodId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException(
                    "a period ends on or after it starts: " + from + ".." + to);
        }
    }

    /** Seals {@code entries} (the period's, in sequence order) after {@code previousHash}. */
    public static Seal of(
            String previousHash,
            String periodId,
            LocalDate from,
            LocalDate to,
            List<CanonicalEntry> entries) {
        return new Seal(
                periodId,
                from,
                to,
                previousHash,
                hash(previousHash, periodId, from, to, entries),
                entries.size(),
                entries.isEmpty() ? 0 : entries.getFirst().sequence(),
                entries.isEmpty() ? 0 : entries.getLast().sequence());
    }

    /** Whether {@code value} looks like a hash: 64 lower-case hex digits. */
    public static boolean isHash(String value) {
        return value != null && HEX.matcher(value).matches();
    }

    /** The hash defined in the class comment, streamed entry by entry. */
    public static String hash(
            String previousHash,
            String periodId,
            LocalDate from,
            LocalDate to,
            Iterable<CanonicalEntry> entries) {
        MessageDigest digest = sha256();
        StringBuilder text = new StringBuilder(512).append("{\"entries\":[");
        boolean first = true;
        for (CanonicalEntry entry : entries) {
            if (!first) {
                text.append(',');
            }
            first = false;
            entry.appendCanonical(text);
            if (text.length() > 8_192) {
                digest.update(text.toString().getBytes(StandardCharsets.UTF_8));
                text.setLength(0);
            }
        }
        text.append("],\"from\":");
        CanonicalEntry.string(text, from.toString()).append(",\"periodId\":");
        CanonicalEntry.string(text, periodId).append(",\"previousHash\":");
        CanonicalEntry.string(text, previousHash).append(",\"to\":");
        CanonicalEntry.string(text, to.toString()).append('}');
        digest.update(text.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every Java platform has SHA-256", missing);
        }
    }
}
