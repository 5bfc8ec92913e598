package coop.cluster.plumbing.web;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * Creations that a client may retry with the same {@code Idempotency-Key} header and still create
 * once, on a store that has single-document atomicity only: the key, the caller and the kind of
 * thing created name the new document's id ({@link #idFor}), so a retry inserts under the same id
 * and the store's unique {@code _id} refuses it. The service then reads what is stored under that
 * id: the same request answers the stored document again (200 with {@code Idempotent-Replayed:
 * true}), another request under the same key is a {@code 422 idempotency-conflict}. No second
 * collection and no window between two writes: the document is its own record of the key.
 */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";

    /** Set to {@code true} on the answer to a replayed request. */
    public static final String REPLAYED = "Idempotent-Replayed";

    private static final int MAX_LENGTH = 128;

    private IdempotencyKeys() {}

    /**
     * The id of the document a keyed creation makes: the same for the same kind, caller and key,
     * different otherwise (a name-based UUID, so it cannot be told from a random id).
     *
     * @throws ProblemException 400 {@code idempotency-key-invalid} unless the key is 1 to 128
     *     printable ASCII characters
     */
    public static String idFor(String kind, String caller, String key) {
        if (key.isEmpty()
                || key.length() > MAX_LENGTH
                || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "idempotency-key-invalid",
                    key.length() > MAX_LENGTH ? key.substring(0, 20) + "…" : key);
        }
        return UUID.nameUUIDFromBytes(
                        (kind + '\u0000' + caller + '\u0000' + key)
                                .getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * 422: the key was used before for another request (the stored document differs from this one).
     */
    public static ProblemException conflict(String key) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-conflict", key);
    }
}
