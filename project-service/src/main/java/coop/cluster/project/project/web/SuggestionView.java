package coop.cluster.project.project.web;

import coop.cluster.project.suggestion.Suggestions;
import java.util.List;

/** A suggested partner: who, how well it fits (higher is better) and why. */
record SuggestionView(
        String memberId,
        String legalName,
        String country,
        String region,
        String organisationType,
        List<String> competences,
        int score,
        List<String> reasons) {

    static SuggestionView of(Suggestions.Suggestion s) {
        var m = s.member();
        return new SuggestionView(
                m.memberId(),
                m.legalName(),
                m.country(),
                m.region(),
                m.organisationType(),
                m.competences(),
                s.score(),
                s.reasons());
    }
}
