package coop.cluster.fundingwatch.call.events;

import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.call.domain.Money;
import coop.cluster.fundingwatch.call.domain.TrackedCall;
import java.time.Instant;
import java.util.List;

/**
 * A funding call as the {@code fundingwatch.calls} events carry it: the normalised call with the
 * status it has in the cluster. {@code title}, {@code programme}, {@code status}, {@code deadlines}
 * and {@code url} are the fields other services rely on (docs/events.md); the others are welcome
 * extras.
 *
 * @param status FORTHCOMING, OPEN or CLOSED: CLOSED also when the source still says open but the
 *     last deadline has passed
 * @param deadlines every cut-off, ascending (RFC 3339 instants)
 * @param budget {@code {amount, currency}}, the amount an exact decimal string; {@code null} when
 *     not given
 * @param closedAt when the call closed; {@code null} unless CLOSED
 * @param closedReason {@code deadline-passed} or {@code source-closed}; {@code null} unless CLOSED
 * @param projectName a cascade call's project, or {@code null}
 * @param projectAcronym that project's acronym, or {@code null}
 * @param contractingAuthority a tender's contracting authority, or {@code null}
 * @param placesOfDelivery where a tender's work is delivered or performed; empty when not given
 */
public record CallContent(
        String title,
        String programme,
        String status,
        List<Instant> deadlines,
        String url,
        String identifier,
        String callIdentifier,
        String callTitle,
        String description,
        List<String> keywords,
        List<String> tags,
        String kind,
        Instant openingDate,
        Budget budget,
        List<String> eligibleCountries,
        String partnershipRequirement,
        Instant closedAt,
        String closedReason,
        String projectName,
        String projectAcronym,
        String contractingAuthority,
        List<String> placesOfDelivery) {

    /**
     * An exact amount: {@code amount} is a decimal string such as {@code "1500000"} or {@code
     * "150000.5"}.
     */
    public record Budget(String amount, String currency) {

        public static Budget of(Money money) {
            return money == null
                    ? null
                    : new Budget(money.amount().toPlainString(), money.currency());
        }
    }

    public static CallContent of(TrackedCall tracked) {
        FundingCall c = tracked.published();
        return new CallContent(
                c.title(),
                c.programme(),
                c.status().name(),
                c.deadlines(),
                c.url(),
                c.identifier(),
                c.callIdentifier(),
                c.callTitle(),
                c.description(),
                c.keywords(),
                c.tags(),
                c.kind().name(),
                c.openingDate(),
                Budget.of(c.budget()),
                c.eligibleCountries(),
                c.partnershipRequirement(),
                tracked.closedAt(),
                tracked.closedReason() == null ? null : tracked.closedReason().code(),
                c.projectName(),
                c.projectAcronym(),
                c.contractingAuthority(),
                c.placesOfDelivery());
    }
}
