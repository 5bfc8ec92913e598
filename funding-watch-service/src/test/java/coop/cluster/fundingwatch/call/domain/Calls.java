package coop.cluster.fundingwatch.call.domain;

import java.time.Instant;
import java.util.List;

/** A complete call to vary in tests. */
final class Calls {

    static final Instant JUNE = Instant.parse("2026-06-30T15:00:00Z");
    static final Instant SEPTEMBER = Instant.parse("2026-09-15T15:00:00Z");
    static final Instant OCTOBER = Instant.parse("2026-10-30T16:00:00Z");

    private Calls() {}

    static FundingCall call() {
        return new FundingCall(
                "eu-ft-portal",
                "TEST-1",
                "ID-1",
                "CALL-1",
                "The call",
                "A topic",
                "Horizon Europe",
                "What it funds.",
                List.of("robotics"),
                List.of("cascade"),
                CallKind.GRANT,
                CallStatus.OPEN,
                Instant.parse("2026-03-01T00:00:00Z"),
                List.of(JUNE, SEPTEMBER),
                Money.of("60000", "EUR"),
                List.of("FR"),
                "Two partners",
                "https://example.org/call");
    }

    static FundingCall withDeadlines(FundingCall c, List<Instant> deadlines) {
        return new FundingCall(
                c.source(),
                c.reference(),
                c.identifier(),
                c.callIdentifier(),
                c.callTitle(),
                c.title(),
                c.programme(),
                c.description(),
                c.keywords(),
                c.tags(),
                c.kind(),
                c.status(),
                c.openingDate(),
                deadlines,
                c.budget(),
                c.eligibleCountries(),
                c.partnershipRequirement(),
                c.url());
    }

    static FundingCall withStatus(FundingCall c, CallStatus status) {
        return new FundingCall(
                c.source(),
                c.reference(),
                c.identifier(),
                c.callIdentifier(),
                c.callTitle(),
                c.title(),
                c.programme(),
                c.description(),
                c.keywords(),
                c.tags(),
                c.kind(),
                status,
                c.openingDate(),
                c.deadlines(),
                c.budget(),
                c.eligibleCountries(),
                c.partnershipRequirement(),
                c.url());
    }

    static FundingCall withTitleDescriptionBudget(
            FundingCall c, String title, String description, Money budget) {
        return new FundingCall(
                c.source(),
                c.reference(),
                c.identifier(),
                c.callIdentifier(),
                c.callTitle(),
                title,
                c.programme(),
                description,
                c.keywords(),
                c.tags(),
                c.kind(),
                c.status(),
                c.openingDate(),
                c.deadlines(),
                budget,
                c.eligibleCountries(),
                c.partnershipRequirement(),
                c.url());
    }
}
