package coop.cluster.fundingwatch.match;

/**
 * Why a call matches a target, in words and for machines.
 *
 * @param code {@code competence}, {@code sector}, {@code interest}, {@code theme}, {@code need},
 *     {@code keyword} (a label found), {@code eligible-place}, {@code target-call}, {@code
 *     programme}, {@code kind}
 * @param value the label, place, programme or kind concerned
 * @param where {@code prominent} (title, call title, keywords, tags), {@code description}, or null
 *     when the reason is no text match
 * @param points what it added to the score
 * @param text the reason in English, for people
 */
public record Reason(String code, String value, String where, int points, String text) {}
