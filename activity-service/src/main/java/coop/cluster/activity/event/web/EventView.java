package coop.cluster.activity.event.web;

import coop.cluster.activity.event.domain.EventDetails;
import coop.cluster.activity.event.domain.ExchangeEvent;
import java.time.Instant;

/** An exchange event as the API shows it: its registrations counted, not listed. */
record EventView(
        String id,
        String kind,
        String titleFr,
        String titleEn,
        String descriptionFr,
        String descriptionEn,
        String place,
        String onlineLink,
        Instant startsAt,
        Instant endsAt,
        int capacity,
        int waitingListCap,
        String audience,
        String groupId,
        String state,
        Instant createdAt,
        Instant stateChangedAt,
        String cancelReason,
        int confirmed,
        int waiting,
        int freePlaces,
        long version) {

    static EventView of(ExchangeEvent e) {
        EventDetails d = e.details();
        return new EventView(
                e.id(),
                d.kind().name(),
                d.titleFr(),
                d.titleEn(),
                d.descriptionFr(),
                d.descriptionEn(),
                d.place(),
                d.onlineLink(),
                d.startsAt(),
                d.endsAt(),
                d.capacity(),
                d.waitingListCap(),
                d.audience().name(),
                d.groupId(),
                e.state().name(),
                e.createdAt(),
                e.stateChangedAt(),
                e.cancelReason(),
                e.confirmed().size(),
                e.waiting().size(),
                e.freePlaces(),
                e.version() == null ? 0 : e.version());
    }
}
