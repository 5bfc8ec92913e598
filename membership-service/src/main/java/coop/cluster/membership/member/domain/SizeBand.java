package coop.cluster.membership.member.domain;

/** Head-count band, as in the EU SME definition (Recommendation 2003/361/EC). */
public enum SizeBand {
    /** fewer than 10 persons */
    MICRO,
    /** 10 to 49 */
    SMALL,
    /** 50 to 249 */
    MEDIUM,
    /** 250 or more */
    LARGE
}
