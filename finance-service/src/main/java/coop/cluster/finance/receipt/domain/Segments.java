package coop.cluster.finance.receipt.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Ids as segments of account codes ({@code 4100:S:<source>}, {@code 2500:J:<project>:M:<partner>}):
 * letters, digits, {@code .}, {@code _} and {@code -}, 1 to 64 characters.
 *
 * <p>{@link #of} turns any id into a valid segment, deterministically: an id that already is one is
 * kept as it is (UUIDs, {@code ec-horizon}); any other is folded to a readable slug (accents
 * dropped, other characters as {@code -}, at most 47 characters) followed by {@code _} and the
 * first 16 hex digits of the id's SHA-256, so two different ids that fold to the same slug still
 * get different segments.
 */
public final class Segments {

    public static final int MAX_LENGTH = 64;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");
    private static final int SLUG_LENGTH = 47;

    private Segments() {}

    /** Whether {@code value} may be used as a segment as it is. */
    public static boolean isSegment(String value) {
        return value != null && SEGMENT.matcher(value).matches();
    }

    /** A valid segment for {@code id}: the id itself when it is one, else its slug and hash. */
    public static String of(String id) {
        Objects.requireNonNull(id, "id");
        if (isSegment(id)) {
            return id;
        }
        String folded =
                Normalizer.normalize(id, Normalizer.Form.NFKD)
                        .replaceAll("\\p{M}+", "")
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9._-]+", "-")
                        .replaceAll("(^-+)|(-+$)", "");
        if (folded.length() > SLUG_LENGTH) {
            folded = folded.substring(0, SLUG_LENGTH);
        }
        String hash = sha256(id).substring(0, 16);
        return folded.isEmpty() ? "h_" + hash : folded + "_" + hash;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
