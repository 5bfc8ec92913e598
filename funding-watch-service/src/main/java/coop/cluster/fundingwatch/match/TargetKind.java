package coop.cluster.fundingwatch.match;

import java.util.Locale;

/** What a funding call is matched against. */
public enum TargetKind {
    /** An active member's profile: competences, sectors, where it is. */
    MEMBER,
    /** A thematic group's interests. */
    GROUP,
    /** A draft or forming project's theme and needs. */
    PROJECT,
    /** A member's saved watch: keywords, programmes, kinds. */
    WATCH;

    private final String code = name().toLowerCase(Locale.ROOT);

    /**
     * The kind as events and the API name it: {@code member}, {@code group}, {@code project},
     * {@code watch}.
     */
    public String code() {
        return code;
    }
}
