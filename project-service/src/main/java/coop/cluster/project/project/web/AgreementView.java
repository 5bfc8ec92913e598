package coop.cluster.project.project.web;

import coop.cluster.project.project.domain.Agreement;
import coop.cluster.project.project.events.AgreementContent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The agreement's current version, who signed it, who has yet to. Amounts are decimal strings. */
record AgreementView(
        AgreementContent content,
        Map<String, Instant> signatures,
        List<String> awaiting,
        boolean signedByAll) {

    static AgreementView of(Agreement agreement, List<String> partners) {
        if (agreement == null) {
            return null;
        }
        List<String> awaiting =
                partners.stream().filter(p -> !agreement.signatures().containsKey(p)).toList();
        return new AgreementView(
                AgreementContent.of(agreement),
                agreement.signatures(),
                awaiting,
                awaiting.isEmpty());
    }
}
