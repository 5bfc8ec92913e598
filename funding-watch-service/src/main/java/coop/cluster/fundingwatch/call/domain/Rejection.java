package coop.cluster.fundingwatch.call.domain;

import java.util.Objects;

/**
 * A feed record that could not be normalised, and why; the other records of its batch still go
 * through.
 *
 * @param index the record's position in its batch, from 0
 * @param reference the record's reference when it could be read, else {@code null}
 * @param reason what was wrong, as a stable code
 * @param message what was wrong, for a person: names the field and the offending value
 */
public record Rejection(int index, String reference, Reason reason, String message) {

    /** Why a record was rejected. {@link #code()} is the stable code feeds and operators see. */
    public enum Reason {
        /** The batch is in none of the formats an adapter reads. */
        UNKNOWN_FORMAT("unknown-format"),
        MISSING_REFERENCE("missing-reference"),
        /** A reference too long to be kept whole. */
        INVALID_REFERENCE("invalid-reference"),
        /** A second record with a reference seen earlier in the same batch. */
        DUPLICATE_REFERENCE("duplicate-reference"),
        MISSING_TITLE("missing-title"),
        /**
         * A value of the wrong JSON type: a number where a string or an array is expected, and so
         * on.
         */
        WRONG_TYPE("wrong-type"),
        INVALID_DATE("invalid-date"),
        INVALID_BUDGET("invalid-budget"),
        INVALID_STATUS("invalid-status"),
        INVALID_KIND("invalid-kind"),
        /** Not an http or https URL. */
        INVALID_URL("invalid-url"),
        /** Anything else that made the record unreadable. */
        INVALID_RECORD("invalid-record");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public Rejection {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative");
        }
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}
