package coop.cluster.fundingwatch.call.persistence;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * How a funding call is stored, {@code _id} its call id. The call's fields as its source last
 * stated them (the source's status is {@code sourceStatus}), the status it has here ({@code
 * status}), when it closed and why, and {@code lastDeadline} for the closing sweep. The budget
 * amount is a decimal string: exact, whatever the store does with numbers. The deadline reminders
 * dealt with are {@code remindersSent} and {@code remindersSkipped} ({@code <deadline>|<offset>}
 * each), and {@code nextReminderAt}, worked out at every write, is when the next one is due (absent
 * when none is left, and for a closed call). The events that announce a change wait in the
 * document's {@code outbox} (not mapped here). Never leaves this package.
 */
@Document("calls")
@CompoundIndex(name = "closing", def = "{'status': 1, 'lastDeadline': 1}")
@CompoundIndex(name = "reminders", def = "{'nextReminderAt': 1}")
@CompoundIndex(name = "changed", def = "{'lastChanged': 1, '_id': 1}")
record CallDocument(
        @Id String id,
        String source,
        String reference,
        String identifier,
        String callIdentifier,
        String callTitle,
        String title,
        String programme,
        String description,
        List<String> keywords,
        List<String> tags,
        String kind,
        String sourceStatus,
        String status,
        Instant openingDate,
        List<Instant> deadlines,
        Instant lastDeadline,
        String budgetAmount,
        String budgetCurrency,
        List<String> eligibleCountries,
        String partnershipRequirement,
        String url,
        Instant firstSeen,
        Instant lastChanged,
        Instant closedAt,
        String closedReason,
        List<String> remindersSent,
        List<String> remindersSkipped,
        Instant nextReminderAt,
        @Version Long version,
        String projectName,
        String projectAcronym,
        String contractingAuthority,
        List<String> placesOfDelivery) {}
