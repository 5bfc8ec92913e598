package coop.cluster.fundingwatch.match;

import java.util.Locale;

/**
 * A kind of label a target carries, and what finding it in a call is worth. A label is found when
 * all its words are in the call, after English or French stemming: in the call's title, call title,
 * keywords or tags ({@link #prominent} points), or only in its description ({@link #mentioned}
 * points). A sector's title is not one label but each of its telling words ({@link #perWord}): a
 * call rarely says "computer programming, consultancy", but may say "computer".
 */
public enum FacetKind {
    COMPETENCE(TargetKind.MEMBER, "Competence", 35, 20, false),
    SECTOR(TargetKind.MEMBER, "Sector", 12, 6, true),
    INTEREST(TargetKind.GROUP, "Group interest", 35, 20, false),
    THEME(TargetKind.PROJECT, "Project theme", 30, 15, false),
    NEED(TargetKind.PROJECT, "Needed competence", 25, 12, false),
    KEYWORD(TargetKind.WATCH, "Watch keyword", 80, 60, false);

    /** The kind of target that carries labels of this kind. */
    final TargetKind of;

    final String label;
    final int prominent;
    final int mentioned;

    /** Each telling word of the label is found on its own, rather than all its words together. */
    final boolean perWord;

    FacetKind(TargetKind of, String label, int prominent, int mentioned, boolean perWord) {
        this.of = of;
        this.label = label;
        this.prominent = prominent;
        this.mentioned = mentioned;
        this.perWord = perWord;
    }

    private final String code = name().toLowerCase(Locale.ROOT);
    private final String field = "label_" + code;

    /** The reason code events and the API carry: {@code competence}, {@code sector}, ... */
    public String code() {
        return code;
    }

    /**
     * The field of the index that holds the labels of this kind (only targets of kind {@link #of}
     * have it).
     */
    String field() {
        return field;
    }

    int points(boolean prominentlyFound) {
        return prominentlyFound ? prominent : mentioned;
    }
}
