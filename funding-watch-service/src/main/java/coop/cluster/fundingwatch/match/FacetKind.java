package coop.cluster.fundingwatch.match;

import java.util.Locale;

/**
 * A kind of label a target carries, and what finding it in a call is worth. A label is found when all its words
 * are in the call (for a sector, any of its telling words), after English or French stemming: in the call's title,
 * call title, keywords or tags ({@link #prominent} points), or only in its description ({@link #mentioned} points).
 * One kind adds at most {@link #cap} points to a match.
 */
public enum FacetKind {
    COMPETENCE("Competence", 35, 20, 70, false),
    SECTOR("Sector", 15, 8, 20, true),
    INTEREST("Group interest", 35, 20, 70, false),
    THEME("Project theme", 30, 15, 30, false),
    NEED("Needed competence", 25, 12, 50, false),
    KEYWORD("Watch keyword", 80, 60, 100, false);

    final String label;
    final int prominent;
    final int mentioned;
    final int cap;
    /** Found when any telling word of the label is in the call, rather than all its words. */
    final boolean anyWord;

    FacetKind(String label, int prominent, int mentioned, int cap, boolean anyWord) {
        this.label = label;
        this.prominent = prominent;
        this.mentioned = mentioned;
        this.cap = cap;
        this.anyWord = anyWord;
    }

    /** The reason code events and the API carry: {@code competence}, {@code sector}, ... */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
