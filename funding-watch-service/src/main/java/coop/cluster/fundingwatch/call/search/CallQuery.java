package coop.cluster.fundingwatch.call.search;

import coop.cluster.fundingwatch.call.domain.CallKind;
import coop.cluster.fundingwatch.call.domain.CallStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What to look for in the calls: every part is optional (null or empty: no condition), and all
 * given parts must hold.
 *
 * @param text words looked up in the calls' text, stemmed in English and French; null: no text
 *     condition, and hits are ordered by next deadline
 * @param keywords a call matches if it matches any one of these (each as a text: all its words),
 *     ranked as text is (a watch's keywords); empty: no condition
 * @param statuses the call's status here is one of these
 * @param programmes the call's programme is one of these, exactly as the call names it
 * @param kinds the call's kind is one of these
 * @param deadlineFrom a call matches if any of its deadlines is at or after this...
 * @param deadlineTo ...and at or before this (both bounds apply to the same deadline)
 */
public record CallQuery(
        String text,
        List<String> keywords,
        Set<CallStatus> statuses,
        List<String> programmes,
        Set<CallKind> kinds,
        Instant deadlineFrom,
        Instant deadlineTo) {

    public CallQuery {
        text = text == null || text.isBlank() ? null : text.strip();
        keywords =
                keywords == null
                        ? List.of()
                        : keywords.stream()
                                .filter(k -> k != null && !k.isBlank())
                                .map(String::strip)
                                .distinct()
                                .toList();
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        programmes =
                programmes == null
                        ? List.of()
                        : programmes.stream()
                                .filter(p -> p != null && !p.isBlank())
                                .map(String::strip)
                                .distinct()
                                .toList();
        kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
        if (deadlineFrom != null && deadlineTo != null && deadlineFrom.isAfter(deadlineTo)) {
            throw new IllegalArgumentException(
                    "deadlineFrom " + deadlineFrom + " is after deadlineTo " + deadlineTo);
        }
    }

    /** Every call. */
    public static CallQuery all() {
        return new CallQuery(null, null, null, null, null, null, null);
    }

    public CallQuery withText(String words) {
        return new CallQuery(
                words, keywords, statuses, programmes, kinds, deadlineFrom, deadlineTo);
    }

    public CallQuery withKeywords(List<String> any) {
        return new CallQuery(text, any, statuses, programmes, kinds, deadlineFrom, deadlineTo);
    }

    /** Whether hits are ranked by relevance: there is text or keywords. */
    public boolean scored() {
        return text != null || !keywords.isEmpty();
    }

    public CallQuery withStatuses(Set<CallStatus> only) {
        return new CallQuery(text, keywords, only, programmes, kinds, deadlineFrom, deadlineTo);
    }

    public CallQuery withProgrammes(List<String> only) {
        return new CallQuery(text, keywords, statuses, only, kinds, deadlineFrom, deadlineTo);
    }

    public CallQuery withKinds(Set<CallKind> only) {
        return new CallQuery(text, keywords, statuses, programmes, only, deadlineFrom, deadlineTo);
    }

    public CallQuery withDeadlines(Instant from, Instant to) {
        return new CallQuery(text, keywords, statuses, programmes, kinds, from, to);
    }
}
